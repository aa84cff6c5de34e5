package com.example;

import java.util.List;

/**
 * An unchecked exception with a field of a non-final declared type ({@code List}): its value
 * must be wrapped in details, as {@code ["java.util.ArrayList",[...]]}.
 */
public class InsufficientFundsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The balance that was not enough. */
    public long balanceCents;
    /** The accounts that were tried. */
    public List<String> accounts;

    /** What Jackson calls with the {@code message} property. */
    public InsufficientFundsException(String message) {
        super(message);
    }
}
