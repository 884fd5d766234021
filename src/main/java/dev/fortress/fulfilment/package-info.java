/**
 * Fulfilment: the hand-off to the warehouse. A paid order becomes a shipment request, a
 * cancelled one withdraws it; both from the orders module's events, by idempotent
 * consumers. Nothing depends on it.
 */
@NullMarked
package dev.fortress.fulfilment;

import org.jspecify.annotations.NullMarked;
