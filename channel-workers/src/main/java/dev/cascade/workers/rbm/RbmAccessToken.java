package dev.cascade.workers.rbm;

import com.google.auth.oauth2.GoogleCredentials;
import dev.cascade.workers.provider.TransientProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The bearer token RBM calls carry. In production it comes from a Google service account key
 * (Google's auth library signs the JWT grant and refreshes the token before it expires); the
 * simulator and tests take a fixed token.
 */
interface RbmAccessToken {

  /** The scope RBM's API requires. */
  String SCOPE = "https://www.googleapis.com/auth/rcsbusinessmessaging";

  /** The current token; a failure to get one is transient. */
  CompletableFuture<String> current();

  static RbmAccessToken fixed(String token) {
    return () -> CompletableFuture.completedFuture(token);
  }

  /** Tokens for the service account whose JSON key is at {@code keyFile}. */
  static RbmAccessToken serviceAccount(Path keyFile) {
    GoogleCredentials credentials;
    try (InputStream in = Files.newInputStream(keyFile)) {
      credentials = GoogleCredentials.fromStream(in).createScoped(List.of(SCOPE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the RBM service account key " + keyFile, e);
    }
    // The library refreshes with blocking HTTP; a virtual thread keeps that off the callers'
    // threads (HTTP client, retry scheduler) without an executor to size or close.
    return () -> CompletableFuture.supplyAsync(
        () -> {
          try {
            credentials.refreshIfExpired();
            return credentials.getAccessToken().getTokenValue();
          } catch (IOException e) {
            throw new CompletionException(new TransientProviderException(
                "cannot get an RBM access token: " + e.getMessage(), null, e));
          }
        },
        task -> Thread.ofVirtual().name("rbm-token").start(task));
  }
}
