//! A serde `Serializer` that keeps what Jackson needs and serde_json drops: the names of
//! structs, enums and variants, and which Rust integer type a number came from. Its output, a
//! [`Node`], is then written as Jackson-typed JSON ([`super::typed`]) or as plain JSON.

use std::fmt::{self, Display};

use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::{Map, Number, Value};

/// A serialized value, with its serde names.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Null,
    Bool(bool),
    /// An integer; `wide` when its Rust type does not fit Java's `int` (`i64`, `u32`, `u64`,
    /// `i128`, `u128`), so Java holds it as a `Long` (or a `BigInteger` beyond `Long`).
    Int {
        value: i128,
        wide: bool,
    },
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
    Struct {
        name: &'static str,
        fields: Vec<(&'static str, Node)>,
    },
    Variant {
        enum_name: &'static str,
        variant: &'static str,
        content: Content,
    },
}

/// What an enum variant holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Content {
    Unit,
    Newtype(Box<Node>),
    Tuple(Vec<Node>),
    Struct(Vec<(&'static str, Node)>),
}

/// Serializes `value` into a [`Node`].
pub(super) fn to_node(value: &dyn erased_serde::Serialize) -> Result<Node, SerError> {
    erased_serde::serialize(value, NodeSerializer)
}

impl Node {
    /// The value as serde_json writes it (externally tagged enums, bytes as numbers,
    /// non-finite floats as `null`).
    pub(super) fn plain(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Int { value, .. } => int_number(*value).map_or(Value::Null, Value::Number),
            Node::Float(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Node::Str(s) => Value::String(s.clone()),
            Node::Bytes(bytes) => Value::Array(bytes.iter().map(|b| Value::from(*b)).collect()),
            Node::Seq(items) => Value::Array(items.iter().map(Node::plain).collect()),
            Node::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.plain()))
                    .collect(),
            ),
            Node::Struct { fields, .. } => plain_fields(fields),
            Node::Variant {
                variant, content, ..
            } => {
                let inner = match content {
                    Content::Unit => return Value::String((*variant).to_owned()),
                    Content::Newtype(node) => node.plain(),
                    Content::Tuple(items) => Value::Array(items.iter().map(Node::plain).collect()),
                    Content::Struct(fields) => plain_fields(fields),
                };
                let mut map = Map::new();
                map.insert((*variant).to_owned(), inner);
                Value::Object(map)
            }
        }
    }
}

fn plain_fields(fields: &[(&'static str, Node)]) -> Value {
    Value::Object(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.plain()))
            .collect(),
    )
}

/// `value` as a JSON number; `None` outside `i64::MIN..=u64::MAX`, which the serializer
/// refuses, so never in practice.
pub(super) fn int_number(value: i128) -> Option<Number> {
    if let Ok(v) = i64::try_from(value) {
        Some(Number::from(v))
    } else {
        u64::try_from(value).ok().map(Number::from)
    }
}

/// Why a value could not be serialized.
#[derive(Debug)]
pub(super) struct SerError(pub(super) String);

impl Display for SerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: Display>(msg: T) -> Self {
        SerError(msg.to_string())
    }
}

struct NodeSerializer;

fn int(value: i128, wide: bool) -> Result<Node, SerError> {
    if int_number(value).is_none() {
        return Err(SerError(format!(
            "the integer {value} is outside the range JSON numbers carry here (i64::MIN..=u64::MAX)"
        )));
    }
    Ok(Node::Int { value, wide })
}

impl ser::Serializer for NodeSerializer {
    type Ok = Node;
    type Error = SerError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = VariantSeqBuilder;
    type SerializeMap = MapBuilder;
    type SerializeStruct = StructBuilder;
    type SerializeStructVariant = VariantStructBuilder;

    fn serialize_bool(self, v: bool) -> Result<Node, SerError> {
        Ok(Node::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Node, SerError> {
        int(v.into(), false)
    }
    fn serialize_i16(self, v: i16) -> Result<Node, SerError> {
        int(v.into(), false)
    }
    fn serialize_i32(self, v: i32) -> Result<Node, SerError> {
        int(v.into(), false)
    }
    fn serialize_i64(self, v: i64) -> Result<Node, SerError> {
        int(v.into(), true)
    }
    fn serialize_i128(self, v: i128) -> Result<Node, SerError> {
        int(v, true)
    }
    fn serialize_u8(self, v: u8) -> Result<Node, SerError> {
        int(v.into(), false)
    }
    fn serialize_u16(self, v: u16) -> Result<Node, SerError> {
        int(v.into(), false)
    }
    fn serialize_u32(self, v: u32) -> Result<Node, SerError> {
        int(v.into(), true)
    }
    fn serialize_u64(self, v: u64) -> Result<Node, SerError> {
        int(v.into(), true)
    }
    fn serialize_u128(self, v: u128) -> Result<Node, SerError> {
        match i128::try_from(v) {
            Ok(v) => int(v, true),
            Err(_) => Err(SerError(format!(
                "the integer {v} is outside the range JSON numbers carry here (i64::MIN..=u64::MAX)"
            ))),
        }
    }
    fn serialize_f32(self, v: f32) -> Result<Node, SerError> {
        Ok(Node::Float(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<Node, SerError> {
        Ok(Node::Float(v))
    }
    fn serialize_char(self, v: char) -> Result<Node, SerError> {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Node, SerError> {
        Ok(Node::Str(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Node, SerError> {
        Ok(Node::Bytes(v.to_vec()))
    }
    fn serialize_none(self) -> Result<Node, SerError> {
        Ok(Node::Null)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Node, SerError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Node, SerError> {
        Ok(Node::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Node, SerError> {
        Ok(Node::Null)
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Node, SerError> {
        Ok(Node::Variant {
            enum_name: name,
            variant,
            content: Content::Unit,
        })
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Node, SerError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Node, SerError> {
        Ok(Node::Variant {
            enum_name: name,
            variant,
            content: Content::Newtype(Box::new(value.serialize(NodeSerializer)?)),
        })
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, SerError> {
        Ok(SeqBuilder(Vec::with_capacity(len.unwrap_or(0).min(4096))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<SeqBuilder, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantSeqBuilder, SerError> {
        Ok(VariantSeqBuilder {
            enum_name: name,
            variant,
            items: Vec::with_capacity(len.min(4096)),
        })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder, SerError> {
        Ok(MapBuilder {
            entries: Vec::with_capacity(len.unwrap_or(0).min(4096)),
            key: None,
        })
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<StructBuilder, SerError> {
        Ok(StructBuilder {
            name,
            fields: Vec::with_capacity(len.min(4096)),
        })
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantStructBuilder, SerError> {
        Ok(VariantStructBuilder {
            enum_name: name,
            variant,
            fields: Vec::with_capacity(len.min(4096)),
        })
    }
}

struct SeqBuilder(Vec<Node>);

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Node;
    type Error = SerError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        self.0.push(value.serialize(NodeSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Node, SerError> {
        Ok(Node::Seq(self.0))
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Node;
    type Error = SerError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, SerError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Node;
    type Error = SerError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, SerError> {
        ser::SerializeSeq::end(self)
    }
}

struct VariantSeqBuilder {
    enum_name: &'static str,
    variant: &'static str,
    items: Vec<Node>,
}

impl ser::SerializeTupleVariant for VariantSeqBuilder {
    type Ok = Node;
    type Error = SerError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        self.items.push(value.serialize(NodeSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Node, SerError> {
        Ok(Node::Variant {
            enum_name: self.enum_name,
            variant: self.variant,
            content: Content::Tuple(self.items),
        })
    }
}

struct MapBuilder {
    entries: Vec<(String, Node)>,
    key: Option<String>,
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Node;
    type Error = SerError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), SerError> {
        self.key = Some(key.serialize(KeySerializer)?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| SerError("a map value was serialized before its key".to_owned()))?;
        self.entries.push((key, value.serialize(NodeSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Node, SerError> {
        Ok(Node::Map(self.entries))
    }
}

struct StructBuilder {
    name: &'static str,
    fields: Vec<(&'static str, Node)>,
}

impl ser::SerializeStruct for StructBuilder {
    type Ok = Node;
    type Error = SerError;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        self.fields.push((key, value.serialize(NodeSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Node, SerError> {
        Ok(Node::Struct {
            name: self.name,
            fields: self.fields,
        })
    }
}

struct VariantStructBuilder {
    enum_name: &'static str,
    variant: &'static str,
    fields: Vec<(&'static str, Node)>,
}

impl ser::SerializeStructVariant for VariantStructBuilder {
    type Ok = Node;
    type Error = SerError;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        self.fields.push((key, value.serialize(NodeSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Node, SerError> {
        Ok(Node::Variant {
            enum_name: self.enum_name,
            variant: self.variant,
            content: Content::Struct(self.fields),
        })
    }
}

/// Map keys: Jackson writes every key as a JSON string, as serde_json does.
struct KeySerializer;

fn key_error() -> SerError {
    SerError("a map key must be a string, a number, a char, a bool or a unit variant".to_owned())
}

impl ser::Serializer for KeySerializer {
    type Ok = String;
    type Error = SerError;
    type SerializeSeq = Impossible<String, SerError>;
    type SerializeTuple = Impossible<String, SerError>;
    type SerializeTupleStruct = Impossible<String, SerError>;
    type SerializeTupleVariant = Impossible<String, SerError>;
    type SerializeMap = Impossible<String, SerError>;
    type SerializeStruct = Impossible<String, SerError>;
    type SerializeStructVariant = Impossible<String, SerError>;

    fn serialize_bool(self, v: bool) -> Result<String, SerError> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, SerError> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, SerError> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, SerError> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, SerError> {
        Ok(v.to_string())
    }
    fn serialize_i128(self, v: i128) -> Result<String, SerError> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, SerError> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, SerError> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, SerError> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, SerError> {
        Ok(v.to_string())
    }
    fn serialize_u128(self, v: u128) -> Result<String, SerError> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, _v: f32) -> Result<String, SerError> {
        Err(key_error())
    }
    fn serialize_f64(self, _v: f64) -> Result<String, SerError> {
        Err(key_error())
    }
    fn serialize_char(self, v: char) -> Result<String, SerError> {
        Ok(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<String, SerError> {
        Ok(v.to_owned())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<String, SerError> {
        Err(key_error())
    }
    fn serialize_none(self) -> Result<String, SerError> {
        Err(key_error())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Result<String, SerError> {
        Err(key_error())
    }
    fn serialize_unit(self) -> Result<String, SerError> {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<String, SerError> {
        Err(key_error())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<String, SerError> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<String, SerError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String, SerError> {
        Err(key_error())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, SerError> {
        Err(key_error())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, SerError> {
        Err(key_error())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, SerError> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, SerError> {
        Err(key_error())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, SerError> {
        Err(key_error())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, SerError> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, SerError> {
        Err(key_error())
    }
}
