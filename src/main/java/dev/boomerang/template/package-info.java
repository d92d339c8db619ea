/**
 * Message templates: a standalone Thymeleaf engine over the {@code templates/} folder (email HTML and text,
 * SMS), the personalization model a template sees, click-link rewriting, and SMS length in GSM-7 or UCS-2
 * segments. Every template is parsed and rendered against sample customers at startup; a broken one stops
 * the start with its file and line.
 *
 * <p>API: {@link dev.boomerang.template.MessageTemplates} renders, {@link dev.boomerang.template.MessageModels}
 * builds models from the store's tables (read with this module's own SQL; nothing of the customer module is
 * written), {@link dev.boomerang.template.SmsLength} counts segments. Depends on no other Boomerang module:
 * tracking links come in as a {@link dev.boomerang.template.LinkRewriter}, unsubscribe links as
 * {@link dev.boomerang.template.MessageModel.Links}.
 */
package dev.boomerang.template;
