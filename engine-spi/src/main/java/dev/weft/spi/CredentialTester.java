package dev.weft.spi;

/** Checks that credential values work, usually by one cheap call to the service. */
@FunctionalInterface
public interface CredentialTester {

  /**
   * Tests the credentials.
   *
   * @return success, or failure with the service's own message (never the secret)
   */
  Result test(Credentials credentials, Services services) throws Exception;

  /**
   * The outcome of a credential test.
   *
   * @param ok whether the credentials work
   * @param message what the service said
   */
  record Result(boolean ok, String message) {
    /** The credentials work. */
    public static Result ok(String message) {
      return new Result(true, message);
    }

    /** The credentials do not work, and why. */
    public static Result failed(String message) {
      return new Result(false, message);
    }
  }
}
