package io.verity.face.model;

/** A model file is missing, altered, or cannot be loaded: the face engine cannot start. */
public class ModelException extends RuntimeException {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
