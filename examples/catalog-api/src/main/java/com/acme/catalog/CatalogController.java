package com.acme.catalog;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CatalogController {
    private final ProductRepository products;
    /** Product views per SKU, for the "trending" shelf. */
    private final Map<String, Long> viewCounts = new ConcurrentHashMap<>();
    private volatile List<Product> trending = List.of();

    public CatalogController(ProductRepository products) {
        this.products = products;
    }

    @GetMapping("/products/{sku}")
    public Product product(@PathVariable String sku) {
        viewCounts.merge(sku, 1L, Long::sum);
        return products.find(sku);
    }

    @GetMapping("/trending")
    public List<Product> trending() {
        return trending;
    }

    @Scheduled(fixedRate = 300_000)
    public void refreshTrending() {
        trending = products.top(viewCounts, 10);
    }
}
