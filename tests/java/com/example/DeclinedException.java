package com.example;

/**
 * A checked exception a Flow Java activity declares, with public fields a Rust error's serialized
 * fields land in. Jackson builds it through the message constructor.
 */
public class DeclinedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The last four digits of the declined card. */
    public String last4;
    /** The processor's decline code. */
    public int code;

    /** What Jackson calls with the {@code message} property. */
    public DeclinedException(String message) {
        super(message);
    }
}
