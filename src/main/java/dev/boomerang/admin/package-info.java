/**
 * The operators' side: security (an ingest API key for the store's feed, HTTP Basic logins with the roles
 * ADMIN and VIEWER), the admin REST API under {@code /api/admin} (segments: catalog, previews, member lists), and
 * later the web UI under {@code /admin}.
 */
package dev.boomerang.admin;
