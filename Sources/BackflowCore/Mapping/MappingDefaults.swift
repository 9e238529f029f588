/// The default mappings of an action's fields, applied as Segment's mapping editor applies them.
///
/// Segment's runtime never fills in a default: a stored mapping that lacks a key yields no value for
/// that field. But its editor pre-fills every default into a new mapping and never shows hidden
/// fields, so a mapping saved in Segment always holds its hidden fields' defaults — above all
/// `message_id` (`$.messageId`), the id Segment de-duplicates on. A visible field the user cleared
/// stays cleared there, and so it does here.
public enum MappingDefaults {
    /// `fields` with every hidden field of `action` it does not mention set to that field's default,
    /// after the fields it has. A field the mapping does mention, even as `null`, keeps its value.
    public static func withHiddenDefaults(_ fields: JSONObject, of action: Action) -> JSONObject {
        var completed = fields
        for field in action.fields where field.isHidden && completed[field.key] == nil {
            if let value = field.defaultMapping { completed[field.key] = value }
        }
        return completed
    }

    /// The fields a new mapping of `action` starts with: every field that has a default, visible or
    /// hidden, in the action's order.
    public static func newMappingFields(of action: Action) -> JSONObject {
        var fields = JSONObject()
        for field in action.fields {
            if let value = field.defaultMapping { fields[field.key] = value }
        }
        return fields
    }
}
