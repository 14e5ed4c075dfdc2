package dev.weft.cluster;

class LocalClusterBusTest extends ClusterBusContract {
  private final LocalClusterBus shared = new LocalClusterBus();

  @Override
  protected ClusterBus newBus() {
    return new ClusterBus() { // two "instances" over one in-process backend; closing one leaves the backend up
      @Override
      public void publish(String channel, java.util.Map<String, Object> message) {
        shared.publish(channel, message);
      }

      @Override
      public Subscription subscribe(String channel, java.util.function.Consumer<java.util.Map<String, Object>> h) {
        return shared.subscribe(channel, h);
      }
    };
  }
}
