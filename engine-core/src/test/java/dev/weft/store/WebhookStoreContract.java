package dev.weft.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WebhookStore} must do. A backend's test extends this class and implements
 * {@link #newStore(TestClock)}, returning an empty store that takes its claim times from the given clock.
 */
public abstract class WebhookStoreContract {

  /** The clock handed to the store under test. */
  protected TestClock clock;
  /** The store under test, empty at the start of each test. */
  protected WebhookStore store;

  /** An empty store on {@code clock}. */
  protected abstract WebhookStore newStore(TestClock clock) throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    clock = new TestClock();
    store = newStore(clock);
  }

  @Test
  void aClaimIsStoredNormalizedWithItsTime() {
    WebhookRegistration claimed = store.claim(WebhookRegistration.of("post", "/orders/new/", "wf-1", "Hook"));

    assertThat(claimed).isEqualTo(new WebhookRegistration("POST", "orders/new", "wf-1", "Hook", TestClock.START));
    assertThat(store.find("POST", "orders/new")).contains(claimed);
    assertThat(store.find("post", "/orders/new")).contains(claimed);
    assertThat(store.find("GET", "orders/new")).isEmpty();
    assertThat(store.list(null)).containsExactly(claimed);
  }

  @Test
  void anotherWorkflowCannotClaimAHeldRouteNorOneOfTheSameShape() {
    store.claim(WebhookRegistration.of("POST", "orders/:id", "wf-1", "Hook"));

    assertThatThrownBy(() -> store.claim(WebhookRegistration.of("POST", "orders/:number", "wf-2", "Other")))
        .isInstanceOfSatisfying(DuplicateValueException.class, e -> {
          assertThat(e.kind()).isEqualTo("webhook");
          assertThat(e.field()).isEqualTo("route");
          assertThat(e.value()).isEqualTo("POST /orders/:number");
          assertThat(e.holderId()).isEqualTo("wf-1");
        })
        .hasMessageContaining("wf-1");
    assertThat(store.find("POST", "orders/:x").orElseThrow().workflowId()).isEqualTo("wf-1");
    // another method or another shape is another route
    store.claim(WebhookRegistration.of("GET", "orders/:id", "wf-2", "Reader"));
    store.claim(WebhookRegistration.of("POST", "orders/new", "wf-2", "Creator"));
    assertThat(store.list("wf-2")).hasSize(2);
  }

  @Test
  void theHoldingWorkflowClaimsItsRouteAgain() {
    store.claim(WebhookRegistration.of("POST", "hook/:a", "wf-1", "Old node"));
    clock.advance(Duration.ofMinutes(5));

    WebhookRegistration again = store.claim(WebhookRegistration.of("POST", "hook/:b", "wf-1", "New node"));

    assertThat(again.claimedAt()).isEqualTo(TestClock.START.plus(Duration.ofMinutes(5)));
    assertThat(store.list(null)).containsExactly(
        new WebhookRegistration("POST", "hook/:b", "wf-1", "New node", TestClock.START.plus(Duration.ofMinutes(5))));
  }

  @Test
  void releaseFreesAWorkflowsRoutesExceptTheKeptOnes() {
    WebhookRegistration a = store.claim(WebhookRegistration.of("POST", "a", "wf-1", "A"));
    store.claim(WebhookRegistration.of("POST", "b", "wf-1", "B"));
    store.claim(WebhookRegistration.of("POST", "c", "wf-2", "C"));

    assertThat(store.release("wf-1", List.of(a.routeKey()))).isEqualTo(1);
    assertThat(store.list(null)).extracting(WebhookRegistration::path).containsExactly("a", "c");
    assertThat(store.release("wf-1")).isEqualTo(1);
    assertThat(store.release("wf-1")).isZero();
    assertThat(store.list("wf-1")).isEmpty();
    store.claim(WebhookRegistration.of("POST", "a", "wf-3", "A again"));
    assertThat(store.find("POST", "a").orElseThrow().workflowId()).isEqualTo("wf-3");
  }

  @Test
  void listOrdersByRouteKey() {
    store.claim(WebhookRegistration.of("POST", "zeta", "wf-1", "Z"));
    store.claim(WebhookRegistration.of("GET", "beta", "wf-2", "B"));
    store.claim(WebhookRegistration.of("POST", "alpha", "wf-1", "A"));
    assertThat(store.list(null)).extracting(WebhookRegistration::route)
        .containsExactly("GET /beta", "POST /alpha", "POST /zeta");
    assertThat(store.list("wf-1")).extracting(WebhookRegistration::route).containsExactly("POST /alpha", "POST /zeta");
  }

  @Test
  void ofSeveralWorkflowsRacingForOneRouteExactlyOneWins() throws Exception {
    for (int round = 0; round < 5; round++) {
      String path = "race/" + round;
      List<Callable<WebhookRegistration>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String workflow = "wf-" + t;
        tasks.add(() -> store.claim(WebhookRegistration.of("POST", path, workflow, "Hook")));
      }
      List<Race.Outcome<WebhookRegistration>> outcomes = Race.run(tasks);
      List<WebhookRegistration> winners =
          outcomes.stream().filter(o -> o.error() == null).map(Race.Outcome::value).toList();
      assertThat(winners).as("round %d", round).hasSize(1);
      assertThat(outcomes.stream().filter(o -> o.error() != null))
          .allSatisfy(o -> assertThat(o.error()).isInstanceOfSatisfying(DuplicateValueException.class,
              e -> assertThat(e.holderId()).isEqualTo(winners.get(0).workflowId())));
      assertThat(store.find("POST", path).orElseThrow().workflowId()).isEqualTo(winners.get(0).workflowId());
    }
  }
}
