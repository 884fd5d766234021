package dev.fortress.inventory.web;

import dev.fortress.inventory.StockLevel;

record StockView(String sku, int onHand, int reserved, int available) {

	static StockView of(StockLevel level) {
		return new StockView(level.sku(), level.onHand(), level.reserved(), level.available());
	}

}
