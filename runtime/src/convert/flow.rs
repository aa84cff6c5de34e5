//! The AWS Flow Framework for Java converter (being written).
