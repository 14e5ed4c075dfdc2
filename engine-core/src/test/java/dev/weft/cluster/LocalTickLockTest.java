package dev.weft.cluster;

class LocalTickLockTest extends TickLockContract {
  private final LocalTickLock shared = new LocalTickLock();

  @Override
  protected TickLock newLock() {
    return shared;
  }
}
