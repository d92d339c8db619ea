/**
 * Campaigns: the catalog of YAML broadcasts under {@code config/campaigns}, their validation, schedules (Quartz,
 * clustered), pause and resume, and plans (who would get what, and who would be skipped and why). A run itself
 * is the delivery module's.
 */
package dev.boomerang.campaign;
