/**
 * Flows: journeys started by a trigger (an abandoned cart, a customer entering a segment, an order, a birthday)
 * that walk a flow's steps (send, wait, branch), stop at its exits, and send every step through the delivery
 * ledger, so each step goes out at most once whatever crashes, restarts or concurrent nodes happen. Definitions
 * come from the campaign catalog; docs/flows.md describes both.
 *
 * <p>API: {@link dev.boomerang.flow.FlowControl} for the admin API and the command line.
 */
package dev.boomerang.flow;
