package dev.boomerang.template;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link MessageModel}s from the store's data: the customer, their active cart, their last order,
 * recommendations (best sellers of the categories they buy that they have not bought; best sellers overall to
 * fill up) and the store. {@link #forCustomers} reads a whole batch in a handful of queries, for campaigns.
 * The models carry no links: the sender adds them with {@link MessageModel#withLinks}.
 */
public interface MessageModels {

    Optional<MessageModel> forCustomer(long customerId, ModelRequest request);

    /** By the store's own customer id (previews). */
    Optional<MessageModel> forCustomer(String externalId, ModelRequest request);

    /** The model of a cart's customer, with that cart (abandoned-cart flows name the cart). */
    Optional<MessageModel> forCart(String cartExternalId, ModelRequest request);

    /**
     * What {@code template} would show this customer (by the store's id) today: their active cart, preview
     * unsubscribe and preferences links, and a sample discount when the template requires one or
     * {@code withDiscount} asks for it.
     */
    Optional<MessageModel> forPreview(String externalId, TemplateInfo template, boolean withDiscount);

    /** Models for many customers at once, in few queries per thousand, in the order asked; ids with no customer are left out. */
    Map<Long, MessageModel> forCustomers(Collection<Long> customerIds, ModelRequest request);
}
