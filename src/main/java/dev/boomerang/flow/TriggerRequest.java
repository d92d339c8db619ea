package dev.boomerang.flow;

import java.util.List;

/**
 * What an admin asks a trigger for. With no customers, carts or orders named, the trigger runs as it would on its
 * own; otherwise exactly those are considered (customers by the store's id: for a cart flow, their live carts).
 * @param source who asked, recorded on each journey ({@code admin}, {@code cli})
 */
public record TriggerRequest(List<String> customers, List<String> carts, List<String> orders, boolean dryRun,
        String source) {

    public TriggerRequest {
        customers = customers == null ? List.of() : List.copyOf(customers);
        carts = carts == null ? List.of() : List.copyOf(carts);
        orders = orders == null ? List.of() : List.copyOf(orders);
    }

    public static TriggerRequest scan(boolean dryRun, String source) {
        return new TriggerRequest(List.of(), List.of(), List.of(), dryRun, source);
    }

    public boolean named() {
        return !customers.isEmpty() || !carts.isEmpty() || !orders.isEmpty();
    }
}
