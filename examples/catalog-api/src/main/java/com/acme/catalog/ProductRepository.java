package com.acme.catalog;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;

@Repository
public class ProductRepository {
    public Product find(String sku) {
        return new Product(sku, "Product " + sku, 1999);
    }

    public List<Product> top(Map<String, Long> views, int n) {
        return views.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n).map(e -> find(e.getKey())).toList();
    }
}
