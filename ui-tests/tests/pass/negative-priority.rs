use swf_activity::activity;
use swf_activity_ui_tests::registered;

#[activity(version = "1", task_priority = -5)]
fn literal() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = "-2147483648")]
fn string_min() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = -2147483648)]
fn literal_min() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = 2_147_483_647)]
fn literal_max() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = 0x10)]
fn hex() -> Result<(), String> {
    Ok(())
}

fn main() {
    assert_eq!(
        registered("literal", "1").descriptor.task_priority,
        Some(-5)
    );
    assert_eq!(
        registered("string_min", "1").descriptor.task_priority,
        Some(i32::MIN)
    );
    assert_eq!(
        registered("literal_min", "1").descriptor.task_priority,
        Some(i32::MIN)
    );
    assert_eq!(
        registered("literal_max", "1").descriptor.task_priority,
        Some(i32::MAX)
    );
    assert_eq!(registered("hex", "1").descriptor.task_priority, Some(16));
}
