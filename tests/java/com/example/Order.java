package com.example;

import java.util.List;

/**
 * An activity argument as a Flow Java decider sends it: a plain, non-final POJO, so Jackson's
 * default typing wraps it as {@code ["com.example.Order",{...}]}. The field types show which
 * nested values are wrapped too: {@code Long} is final (bare), {@code List} is not (wrapped).
 */
public class Order {
    /** A primitive field: always bare. */
    public long id;
    /** A final declared type: bare. */
    public String last4;
    /** A final declared type: bare, even though a {@code Long} argument is wrapped. */
    public Long amountCents;
    /** A non-final declared type: wrapped as {@code ["java.util.ArrayList",[...]]}. */
    public List<String> items;
}
