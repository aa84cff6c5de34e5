package com.example;

/**
 * An activity result type a Flow Java decider declares: a non-final POJO, so the decider only
 * decodes it from {@code ["com.example.Receipt",{...}]}.
 */
public class Receipt {
    /** The order this receipt is for. */
    public long orderId;
    /** A free-form status. */
    public String status;
}
