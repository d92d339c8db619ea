/**
 * Delivery: the send ledger, the Spring Batch jobs that render and dispatch messages, retries and progress
 * (DESIGN.md section 2; built with the campaigns). For now it carries out what a provider's permanent refusal
 * of an address means for the customer module (see {@code internal.RefusalConsequences}).
 */
package dev.boomerang.delivery;
