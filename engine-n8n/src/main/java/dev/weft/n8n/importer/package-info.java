/**
 * Turns n8n workflow JSON into Weft's workflow format: {@link dev.weft.n8n.importer.N8nImporter} maps nodes (one
 * mapper per n8n node family, in one table), connections, settings and pinned data, and reports whatever it cannot
 * carry over as {@link dev.weft.n8n.importer.ImportIssue}s.
 */
package dev.weft.n8n.importer;
