/**
 * Credentials: {@link dev.weft.credential.CredentialCipher} seals values with AES-256-GCM under a rotating key ring,
 * and {@link dev.weft.credential.CredentialService} validates values against their
 * {@link dev.weft.spi.CredentialType}, stores them sealed in a {@link dev.weft.store.CredentialStore}, shows people
 * only views without secrets, and hands decrypted {@link dev.weft.spi.Credentials} to the engine.
 *
 * <p>Secret values never appear in {@code toString()}, exception messages or logs.
 */
package dev.weft.credential;
