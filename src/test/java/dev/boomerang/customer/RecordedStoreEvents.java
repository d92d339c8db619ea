package dev.boomerang.customer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/** Listens to the customer module's events the way a later module would, and keeps them for assertions. */
@TestComponent
public class RecordedStoreEvents {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(OrderPlaced event) {
        events.add(event);
    }

    @EventListener
    void on(CartChanged event) {
        events.add(event);
    }

    @EventListener
    void on(ConsentChanged event) {
        events.add(event);
    }

    public <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public void clear() {
        events.clear();
    }
}
