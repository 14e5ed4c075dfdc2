/**
 * n8n compatibility: {@link dev.weft.n8n.ConformanceRunner} runs n8n's own node test workflows on Weft and judges
 * them as n8n does; {@link dev.weft.n8n.N8nCli} holds the {@code weft n8n import|check} commands. The importer is in
 * {@link dev.weft.n8n.importer}, the JavaScript reading in {@link dev.weft.n8n.js}.
 */
package dev.weft.n8n;
