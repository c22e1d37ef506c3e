package com.acme.catalog;

public record Product(String sku, String name, long priceCents) {}
