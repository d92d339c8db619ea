package dev.boomerang.template.internal;

import dev.boomerang.template.MessageModel;
import dev.boomerang.template.MessageModels;
import dev.boomerang.template.ModelRequest;
import dev.boomerang.template.TemplateInfo;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link MessageModels} read from the store's tables with this module's own SQL (the customer module's tables
 * are readable by design; nothing is written). A batch of customers takes six queries per 500 customers
 * (customers, attributes, last orders, their items, what they bought, and optionally carts with their items),
 * whatever the batch's size; best sellers come from {@link BestSellers}.
 */
@Component
class JdbcMessageModels implements MessageModels {

    private static final int CHUNK = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final TemplateProperties properties;
    private final BestSellers bestSellers;
    private final SampleModels samples;

    JdbcMessageModels(NamedParameterJdbcTemplate jdbc, TemplateProperties properties, BestSellers bestSellers,
            java.time.Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.bestSellers = bestSellers;
        this.samples = new SampleModels(properties, clock);
    }

    private record CustomerRow(long id, String externalId, String email, String phone, String firstName,
            String lastName, String locale, String timeZone, LocalDate birthday, int orderCount, BigDecimal totalSpent) {
    }

    private record ItemRow(String sku, String name, int quantity, BigDecimal price, String url, String imageUrl) {
    }

    private record Basket(long id, String externalId, String status, Instant at, BigDecimal total,
            String currency, List<ItemRow> items) {
    }

    /** What a customer bought: their categories, most bought first, and every SKU. */
    private record Purchases(List<String> categories, Set<String> skus) {
    }

    @Override
    public Optional<MessageModel> forCustomer(long customerId, ModelRequest request) {
        return Optional.ofNullable(forCustomers(List.of(customerId), request).get(customerId));
    }

    @Override
    public Optional<MessageModel> forCustomer(String externalId, ModelRequest request) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM customer WHERE external_id = :id",
                Map.of("id", externalId), Long.class);
        return ids.isEmpty() ? Optional.empty() : forCustomer(ids.getFirst(), request);
    }

    @Override
    public Optional<MessageModel> forPreview(String externalId, TemplateInfo template, boolean withDiscount) {
        boolean discount = withDiscount || template.requires().contains(MessageModel.Part.DISCOUNT);
        ModelRequest request = new ModelRequest(new MessageModel.Campaign("preview", "Preview"),
                discount ? samples.sampleOffer() : null, true);
        return forCustomer(externalId, request).map(model -> model.withLinks(samples.previewLinks()));
    }

    @Override
    public Optional<MessageModel> forCart(String cartExternalId, ModelRequest request) {
        List<Map<String, Object>> found = jdbc.queryForList("SELECT id, customer_id FROM cart WHERE external_id = :id",
                Map.of("id", cartExternalId));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        long cartId = ((Number) found.getFirst().get("id")).longValue();
        long customerId = ((Number) found.getFirst().get("customer_id")).longValue();
        Map<Long, Basket> cart = baskets("""
                SELECT c.id, c.customer_id, c.external_id, c.status, c.updated_at AS at, c.total, c.currency
                FROM cart c WHERE c.id = :cart
                """, new MapSqlParameterSource("cart", cartId), "cart_item", "cart_id");
        return build(List.of(customerId), request.campaign(), request.discount(), cart).values().stream().findFirst();
    }

    @Override
    public Map<Long, MessageModel> forCustomers(Collection<Long> customerIds, ModelRequest request) {
        List<Long> ids = List.copyOf(new LinkedHashSet<>(customerIds));
        Map<Long, MessageModel> models = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            Map<Long, Basket> carts = request.withCart() ? baskets("""
                    SELECT c.id, c.customer_id, c.external_id, c.status, c.at, c.total, c.currency
                    FROM (SELECT id, customer_id, external_id, status, updated_at AS at, total, currency,
                                 ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY updated_at DESC, id DESC) AS n
                          FROM cart WHERE customer_id IN (:ids) AND status IN ('open', 'abandoned')) c
                    WHERE c.n = 1
                    """, new MapSqlParameterSource("ids", chunk), "cart_item", "cart_id") : Map.of();
            models.putAll(build(chunk, request.campaign(), request.discount(), carts));
        }
        return models;
    }

    private Map<Long, MessageModel> build(List<Long> ids, MessageModel.Campaign campaign, ModelRequest.Offer offer,
            Map<Long, Basket> carts) {
        MapSqlParameterSource byIds = new MapSqlParameterSource("ids", ids);
        List<CustomerRow> customers = jdbc.query("""
                SELECT id, external_id, email, phone, first_name, last_name, locale, time_zone, birthday,
                       order_count, total_spent
                FROM customer WHERE id IN (:ids)
                """, byIds, (rs, n) -> new CustomerRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                localDate(rs.getDate(9)), rs.getInt(10), rs.getBigDecimal(11)));
        Map<Long, Map<String, String>> attributes = new HashMap<>();
        jdbc.query("SELECT customer_id, name, attr_value FROM customer_attribute WHERE customer_id IN (:ids)", byIds,
                (ResultSet rs) -> {
                    attributes.computeIfAbsent(rs.getLong(1), c -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                });
        Map<Long, Basket> lastOrders = baskets("""
                SELECT o.id, o.customer_id, o.external_id, NULL AS status, o.placed_at AS at, o.total, o.currency
                FROM (SELECT id, customer_id, external_id, placed_at, total, currency,
                             ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY placed_at DESC, id DESC) AS n
                      FROM orders WHERE customer_id IN (:ids)) o
                WHERE o.n = 1
                """, byIds, "order_item", "order_id");
        Map<Long, Purchases> purchases = purchases(byIds);
        BestSellers.Snapshot best = bestSellers.current();
        Map<Long, CustomerRow> byId = new HashMap<>();
        customers.forEach(c -> byId.put(c.id(), c));
        Map<Long, MessageModel> models = new LinkedHashMap<>();
        for (long id : ids) {
            CustomerRow c = byId.get(id);
            if (c == null) {
                continue;
            }
            Formats f = new Formats(Formats.resolve(c.locale(), properties.languages()), Formats.zone(c.timeZone()));
            Basket cart = carts.get(c.id());
            Basket order = lastOrders.get(c.id());
            Set<String> inCart = new HashSet<>();
            if (cart != null) {
                cart.items().forEach(i -> inCart.add(i.sku()));
            }
            models.put(c.id(), new MessageModel(f.locale(), customer(f, c, attributes.get(c.id())),
                    cart == null ? null : new MessageModel.Cart(cart.externalId(), cart.status(), items(f, cart),
                            f.money(cart.total(), cart.currency()), properties.store().cartUrl().replace("{cart}", cart.externalId())),
                    order == null ? null : order(f, order),
                    recommend(f, best, purchases.getOrDefault(c.id(), new Purchases(List.of(), Set.of())), inCart),
                    f.discount(offer), null, campaign, samples.store()));
        }
        return models;
    }

    private static MessageModel.Order order(Formats f, Basket order) {
        LocalDate placed = f.localDate(order.at());
        return new MessageModel.Order(order.externalId(), placed, f.date(placed), items(f, order),
                f.money(order.total(), order.currency()));
    }

    private MessageModel.Customer customer(Formats f, CustomerRow c, Map<String, String> attributes) {
        String name = c.firstName() == null ? "" : c.lastName() == null ? c.firstName() : c.firstName() + " " + c.lastName();
        return new MessageModel.Customer(c.id(), c.externalId(), c.firstName(), c.lastName(), name, c.email(), c.phone(),
                c.locale(), c.timeZone(), c.birthday(), c.orderCount(),
                f.money(c.totalSpent().stripTrailingZeros(), properties.store().currency()), attributes);
    }

    private static List<MessageModel.Item> items(Formats f, Basket basket) {
        List<MessageModel.Item> items = new ArrayList<>(basket.items().size());
        for (ItemRow i : basket.items()) {
            items.add(new MessageModel.Item(i.sku(), i.name(), i.quantity(), f.money(i.price(), basket.currency()),
                    f.money(i.price().multiply(BigDecimal.valueOf(i.quantity())), basket.currency()), i.url(), i.imageUrl()));
        }
        return items;
    }

    /**
     * Best sellers of the customer's categories that they have not bought and that are not in their cart, one
     * per category in turn (most bought category first) for variety; then best sellers overall.
     */
    private List<MessageModel.Product> recommend(Formats f, BestSellers.Snapshot best, Purchases bought, Set<String> inCart) {
        int wanted = properties.recommendations().count();
        Map<String, BestSellers.Ranked> picked = new LinkedHashMap<>();
        Map<String, Integer> next = new HashMap<>();
        boolean progress = true;
        while (picked.size() < wanted && progress) {
            progress = false;
            for (String category : bought.categories()) {
                List<BestSellers.Ranked> ranked = best.byCategory().getOrDefault(category, List.of());
                int i = next.getOrDefault(category, 0);
                while (i < ranked.size() && !eligible(ranked.get(i), bought, inCart, picked)) {
                    i++;
                }
                if (i < ranked.size() && picked.size() < wanted) {
                    picked.put(ranked.get(i).sku(), ranked.get(i));
                    progress = true;
                    i++;
                }
                next.put(category, i);
            }
        }
        for (BestSellers.Ranked r : best.overall()) {
            if (picked.size() >= wanted) {
                break;
            }
            if (eligible(r, bought, inCart, picked)) {
                picked.put(r.sku(), r);
            }
        }
        List<MessageModel.Product> products = new ArrayList<>(picked.size());
        for (BestSellers.Ranked r : picked.values()) {
            products.add(new MessageModel.Product(r.sku(), r.name(), r.category(),
                    f.money(r.price(), properties.store().currency()), r.url(), r.imageUrl()));
        }
        return products;
    }

    private static boolean eligible(BestSellers.Ranked r, Purchases bought, Set<String> inCart,
            Map<String, BestSellers.Ranked> picked) {
        return !bought.skus().contains(r.sku()) && !inCart.contains(r.sku()) && !picked.containsKey(r.sku());
    }

    private Map<Long, Purchases> purchases(MapSqlParameterSource byIds) {
        Map<Long, Map<String, Long>> categories = new HashMap<>();
        Map<Long, Set<String>> skus = new HashMap<>();
        jdbc.query("""
                SELECT o.customer_id, i.sku, COALESCE(i.category, p.category) AS category, SUM(i.quantity) AS bought
                FROM orders o
                JOIN order_item i ON i.order_id = o.id
                LEFT JOIN product p ON p.sku = i.sku
                WHERE o.customer_id IN (:ids)
                GROUP BY o.customer_id, i.sku, COALESCE(i.category, p.category)
                """, byIds, (ResultSet rs) -> {
            long customer = rs.getLong(1);
            skus.computeIfAbsent(customer, c -> new HashSet<>()).add(rs.getString(2));
            String category = rs.getString(3);
            if (category != null) {
                categories.computeIfAbsent(customer, c -> new HashMap<>()).merge(category, rs.getLong(4), Long::sum);
            }
        });
        Map<Long, Purchases> result = new HashMap<>();
        skus.forEach((customer, bought) -> {
            List<String> ranked = categories.getOrDefault(customer, Map.of()).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
            result.put(customer, new Purchases(ranked, bought));
        });
        return result;
    }

    /** Carts or orders (one per customer) with their items, the catalog's links and images joined in. */
    private Map<Long, Basket> baskets(String sql, MapSqlParameterSource params, String itemTable, String parent) {
        Map<Long, Object[]> heads = new LinkedHashMap<>();
        jdbc.query(sql, params, (ResultSet rs) -> {
            heads.put(rs.getLong(1), new Object[] { rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant(), rs.getBigDecimal(6), rs.getString(7).strip() });
        });
        if (heads.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<ItemRow>> items = new HashMap<>();
        jdbc.query("SELECT i." + parent + ", i.sku, COALESCE(i.name, p.name, i.sku), i.quantity, i.price, p.url, p.image_url"
                + " FROM " + itemTable + " i LEFT JOIN product p ON p.sku = i.sku"
                + " WHERE i." + parent + " IN (:parents) ORDER BY i." + parent + ", i.id",
                new MapSqlParameterSource("parents", heads.keySet()), (ResultSet rs) -> {
                    items.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ItemRow(rs.getString(2),
                            rs.getString(3), rs.getInt(4), rs.getBigDecimal(5), rs.getString(6), rs.getString(7)));
                });
        Map<Long, Basket> byCustomer = new HashMap<>();
        heads.forEach((id, h) -> byCustomer.put((Long) h[0], new Basket(id, (String) h[1], (String) h[2],
                (Instant) h[3], (BigDecimal) h[4], (String) h[5], items.getOrDefault(id, List.of()))));
        return byCustomer;
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

}
