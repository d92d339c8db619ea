package dev.boomerang.template;

/**
 * A template that cannot be rendered: an unknown or malformed name, a channel it has no file for, a model that
 * lacks a part it requires, or an error in the template itself (the message then names the file and line).
 */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
