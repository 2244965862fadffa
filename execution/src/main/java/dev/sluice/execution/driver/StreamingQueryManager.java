package dev.sluice.execution.driver;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The streaming queries of one session, and the listeners that hear about them. */
public final class StreamingQueryManager {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingQueryManager.class);

  private final Map<String, MicroBatchExecution> active = new ConcurrentHashMap<>();
  private final List<StreamingQueryListener> listeners = new CopyOnWriteArrayList<>();
  private final Object terminationLock = new Object();
  private StreamingQuery lastTerminated;

  /** Starts a query; refuses a second active query with the same name or checkpoint. */
  public StreamingQuery start(QueryConfig config) {
    synchronized (active) {
      for (MicroBatchExecution running : active.values()) {
        if (config.name() != null && config.name().equals(running.name())) {
          throw new SluiceException(
              ErrorCode.QUERY_ALREADY_ACTIVE,
              "a query named '"
                  + config.name()
                  + "' is already running (id "
                  + running.id()
                  + "); stop it first");
        }
        if (running.config().checkpointLocation().equals(config.checkpointLocation())) {
          throw new SluiceException(
              ErrorCode.QUERY_ALREADY_ACTIVE,
              "query "
                  + running.id()
                  + " is already running with checkpoint "
                  + config.checkpointLocation());
        }
      }
      MicroBatchExecution query = new MicroBatchExecution(config, this);
      query.start();
      return query;
    }
  }

  void registerActive(MicroBatchExecution query) {
    active.put(query.id(), query);
  }

  void terminated(MicroBatchExecution query) {
    active.remove(query.id(), query);
    synchronized (terminationLock) {
      lastTerminated = query;
      terminationLock.notifyAll();
    }
  }

  public List<StreamingQuery> active() {
    return new ArrayList<>(active.values());
  }

  public Optional<StreamingQuery> get(String id) {
    return Optional.ofNullable(active.get(id));
  }

  /**
   * Blocks until some query ends (or has ended since the last {@link #resetTerminated()}).
   *
   * @return false if the timeout passed first
   * @throws StreamingQueryException if that query failed
   */
  public boolean awaitAnyTermination(long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    synchronized (terminationLock) {
      while (lastTerminated == null) {
        long wait = deadline - System.currentTimeMillis();
        if (wait <= 0) {
          return false;
        }
        try {
          terminationLock.wait(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      lastTerminated
          .exception()
          .ifPresent(
              e -> {
                throw e;
              });
      return true;
    }
  }

  public void resetTerminated() {
    synchronized (terminationLock) {
      lastTerminated = null;
    }
  }

  public void addListener(StreamingQueryListener listener) {
    listeners.add(listener);
  }

  public void removeListener(StreamingQueryListener listener) {
    listeners.remove(listener);
  }

  void post(java.util.function.Consumer<StreamingQueryListener> event) {
    for (StreamingQueryListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("streaming query listener {} failed; skipping it for this event", listener, e);
      }
    }
  }

  /** Stops every active query. */
  public void stopAll() {
    for (MicroBatchExecution query : new ArrayList<>(active.values())) {
      query.stop();
    }
  }
}
