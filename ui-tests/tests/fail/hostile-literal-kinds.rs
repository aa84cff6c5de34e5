use swf_activity::activity;

#[activity(version = "1", name = b"1")]
fn f_0_0() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = b'1')]
fn f_0_1() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = '1')]
fn f_0_2() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = 1.5)]
fn f_0_3() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = true)]
fn f_0_4() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = c"1")]
fn f_0_5() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = br"1")]
fn f_0_6() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = 1e10)]
fn f_0_7() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = 0x1F)]
fn f_0_8() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = r#"1"#)]
fn f_0_9() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = -1.5)]
fn f_0_10() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = "1"x)]
fn f_0_11() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = [1])]
fn f_0_12() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = (1, 2))]
fn f_0_13() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = {})]
fn f_0_14() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = Some("1"))]
fn f_0_15() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = -"1")]
fn f_0_16() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = --1)]
fn f_0_17() -> Result<(), String> {
    Ok(())
}

#[activity(version = b"1")]
fn f_1_0() -> Result<(), String> {
    Ok(())
}

#[activity(version = b'1')]
fn f_1_1() -> Result<(), String> {
    Ok(())
}

#[activity(version = '1')]
fn f_1_2() -> Result<(), String> {
    Ok(())
}

#[activity(version = 1.5)]
fn f_1_3() -> Result<(), String> {
    Ok(())
}

#[activity(version = true)]
fn f_1_4() -> Result<(), String> {
    Ok(())
}

#[activity(version = c"1")]
fn f_1_5() -> Result<(), String> {
    Ok(())
}

#[activity(version = br"1")]
fn f_1_6() -> Result<(), String> {
    Ok(())
}

#[activity(version = 1e10)]
fn f_1_7() -> Result<(), String> {
    Ok(())
}

#[activity(version = 0x1F)]
fn f_1_8() -> Result<(), String> {
    Ok(())
}

#[activity(version = r#"1"#)]
fn f_1_9() -> Result<(), String> {
    Ok(())
}

#[activity(version = -1.5)]
fn f_1_10() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1"x)]
fn f_1_11() -> Result<(), String> {
    Ok(())
}

#[activity(version = [1])]
fn f_1_12() -> Result<(), String> {
    Ok(())
}

#[activity(version = (1, 2))]
fn f_1_13() -> Result<(), String> {
    Ok(())
}

#[activity(version = {})]
fn f_1_14() -> Result<(), String> {
    Ok(())
}

#[activity(version = Some("1"))]
fn f_1_15() -> Result<(), String> {
    Ok(())
}

#[activity(version = -"1")]
fn f_1_16() -> Result<(), String> {
    Ok(())
}

#[activity(version = --1)]
fn f_1_17() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = b"1")]
fn f_2_0() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = b'1')]
fn f_2_1() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = '1')]
fn f_2_2() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = 1.5)]
fn f_2_3() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = true)]
fn f_2_4() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = c"1")]
fn f_2_5() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = br"1")]
fn f_2_6() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = 1e10)]
fn f_2_7() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = 0x1F)]
fn f_2_8() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = r#"1"#)]
fn f_2_9() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = -1.5)]
fn f_2_10() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = "1"x)]
fn f_2_11() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = [1])]
fn f_2_12() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = (1, 2))]
fn f_2_13() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = {})]
fn f_2_14() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = Some("1"))]
fn f_2_15() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = -"1")]
fn f_2_16() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = --1)]
fn f_2_17() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = b"1")]
fn f_3_0() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = b'1')]
fn f_3_1() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = '1')]
fn f_3_2() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = 1.5)]
fn f_3_3() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = true)]
fn f_3_4() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = c"1")]
fn f_3_5() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = br"1")]
fn f_3_6() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = 1e10)]
fn f_3_7() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = 0x1F)]
fn f_3_8() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = r#"1"#)]
fn f_3_9() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = -1.5)]
fn f_3_10() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = "1"x)]
fn f_3_11() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = [1])]
fn f_3_12() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = (1, 2))]
fn f_3_13() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = {})]
fn f_3_14() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = Some("1"))]
fn f_3_15() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = -"1")]
fn f_3_16() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = --1)]
fn f_3_17() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = b"1")]
fn f_4_0() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = b'1')]
fn f_4_1() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = '1')]
fn f_4_2() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = 1.5)]
fn f_4_3() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = true)]
fn f_4_4() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = c"1")]
fn f_4_5() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = br"1")]
fn f_4_6() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = 1e10)]
fn f_4_7() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = 0x1F)]
fn f_4_8() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = r#"1"#)]
fn f_4_9() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = -1.5)]
fn f_4_10() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = "1"x)]
fn f_4_11() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = [1])]
fn f_4_12() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = (1, 2))]
fn f_4_13() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = {})]
fn f_4_14() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = Some("1"))]
fn f_4_15() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = -"1")]
fn f_4_16() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = --1)]
fn f_4_17() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = b"1")]
fn f_5_0() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = b'1')]
fn f_5_1() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = '1')]
fn f_5_2() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = 1.5)]
fn f_5_3() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = true)]
fn f_5_4() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = c"1")]
fn f_5_5() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = br"1")]
fn f_5_6() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = 1e10)]
fn f_5_7() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = 0x1F)]
fn f_5_8() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = r#"1"#)]
fn f_5_9() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = -1.5)]
fn f_5_10() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = "1"x)]
fn f_5_11() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = [1])]
fn f_5_12() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = (1, 2))]
fn f_5_13() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = {})]
fn f_5_14() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = Some("1"))]
fn f_5_15() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = -"1")]
fn f_5_16() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = --1)]
fn f_5_17() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = b"1")]
fn f_6_0() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = b'1')]
fn f_6_1() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = '1')]
fn f_6_2() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = 1.5)]
fn f_6_3() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = true)]
fn f_6_4() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = c"1")]
fn f_6_5() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = br"1")]
fn f_6_6() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = 1e10)]
fn f_6_7() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = 0x1F)]
fn f_6_8() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = r#"1"#)]
fn f_6_9() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = -1.5)]
fn f_6_10() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = "1"x)]
fn f_6_11() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = [1])]
fn f_6_12() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = (1, 2))]
fn f_6_13() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = {})]
fn f_6_14() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = Some("1"))]
fn f_6_15() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = -"1")]
fn f_6_16() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = --1)]
fn f_6_17() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = b"1")]
fn f_7_0() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = b'1')]
fn f_7_1() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = '1')]
fn f_7_2() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = 1.5)]
fn f_7_3() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = true)]
fn f_7_4() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = c"1")]
fn f_7_5() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = br"1")]
fn f_7_6() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = 1e10)]
fn f_7_7() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = 0x1F)]
fn f_7_8() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = r#"1"#)]
fn f_7_9() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = -1.5)]
fn f_7_10() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = "1"x)]
fn f_7_11() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = [1])]
fn f_7_12() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = (1, 2))]
fn f_7_13() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = {})]
fn f_7_14() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = Some("1"))]
fn f_7_15() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = -"1")]
fn f_7_16() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = --1)]
fn f_7_17() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = b"1")]
fn f_8_0() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = b'1')]
fn f_8_1() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = '1')]
fn f_8_2() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = 1.5)]
fn f_8_3() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = true)]
fn f_8_4() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = c"1")]
fn f_8_5() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = br"1")]
fn f_8_6() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = 1e10)]
fn f_8_7() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = 0x1F)]
fn f_8_8() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = r#"1"#)]
fn f_8_9() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = -1.5)]
fn f_8_10() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = "1"x)]
fn f_8_11() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = [1])]
fn f_8_12() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = (1, 2))]
fn f_8_13() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = {})]
fn f_8_14() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = Some("1"))]
fn f_8_15() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = -"1")]
fn f_8_16() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = --1)]
fn f_8_17() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = b"1")]
fn f_9_0() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = b'1')]
fn f_9_1() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = '1')]
fn f_9_2() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = 1.5)]
fn f_9_3() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = true)]
fn f_9_4() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = c"1")]
fn f_9_5() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = br"1")]
fn f_9_6() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = 1e10)]
fn f_9_7() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = 0x1F)]
fn f_9_8() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = r#"1"#)]
fn f_9_9() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = -1.5)]
fn f_9_10() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = "1"x)]
fn f_9_11() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = [1])]
fn f_9_12() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = (1, 2))]
fn f_9_13() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = {})]
fn f_9_14() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = Some("1"))]
fn f_9_15() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = -"1")]
fn f_9_16() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = --1)]
fn f_9_17() -> Result<(), String> {
    Ok(())
}

fn main() {}
