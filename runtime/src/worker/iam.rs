//! The least-privilege IAM policy a worker needs; see [`Worker::iam_policy`].

use crate::client::access::{Statement, domain_arn, json_string};
use crate::partition::Partition;
use crate::payload::keys_arn;
use crate::worker::Worker;

impl Worker {
    /// The IAM policy this worker needs, and no more, as pretty-printed JSON, with `*` for the
    /// account id: see [`Worker::iam_policy_for_account`].
    pub fn iam_policy(&self) -> String {
        self.iam_policy_for_account("*")
    }

    /// The IAM policy this worker needs, and no more, for the AWS account `account_id`.
    ///
    /// SWF grants access per domain (`arn:aws:swf:REGION:ACCOUNT:/domain/DOMAIN`) and narrows
    /// some actions by request parameters; the policy allows
    ///
    /// - `swf:PollForActivityTask` on the worker's task lists only (`swf:taskList.name`);
    /// - `swf:RespondActivityTaskCompleted`, `swf:RespondActivityTaskFailed`,
    ///   `swf:RespondActivityTaskCanceled` and `swf:RecordActivityTaskHeartbeat`, which SWF
    ///   lets a policy narrow to the domain only;
    /// - unless [`register_activity_types(false)`](crate::worker::WorkerBuilder::register_activity_types):
    ///   per served type, `swf:RegisterActivityType` (`swf:name`, `swf:version` and, when the
    ///   type declares one, `swf:defaultTaskList.name`) and `swf:DescribeActivityType`
    ///   (`swf:activityType.name`, `swf:activityType.version`), which the worker calls at start;
    /// - when the worker [offloads](crate::worker::WorkerBuilder::offload) large values,
    ///   `s3:PutObject` and `s3:GetObject` on the keys of its payload store
    ///   (`arn:aws:s3:::<bucket>/<prefix>/*`). A bucket encrypted with a KMS key also needs
    ///   `kms:GenerateDataKey` and `kms:Decrypt` on that key, which the key's policy grants.
    ///
    /// See <https://docs.aws.amazon.com/amazonswf/latest/developerguide/swf-dev-iam.html>.
    ///
    /// ```no_run
    /// # fn demo(worker: &swf_activity::Worker) {
    /// println!("{}", worker.iam_policy_for_account("123456789012"));
    /// # }
    /// ```
    pub fn iam_policy_for_account(&self, account_id: &str) -> String {
        let config = &self.config;
        let resource = domain_arn(config.client.region(), account_id, &config.domain);
        let mut statements = vec![
            Statement::new(&["PollForActivityTask"], resource.clone())
                .sid("PollTaskLists")
                .condition("swf:taskList.name", config.task_lists.clone()),
            Statement::new(
                &[
                    "RespondActivityTaskCompleted",
                    "RespondActivityTaskFailed",
                    "RespondActivityTaskCanceled",
                    "RecordActivityTaskHeartbeat",
                ],
                resource.clone(),
            )
            .sid("AnswerTasks"),
        ];
        if config.register_types {
            for (i, d) in self.activities.descriptors().enumerate() {
                statements.push(
                    Statement::new(&["RegisterActivityType"], resource.clone())
                        .sid(format!("Register{i}"))
                        .condition("swf:name", vec![d.name.to_owned()])
                        .condition("swf:version", vec![d.version.to_owned()])
                        .condition(
                            "swf:defaultTaskList.name",
                            d.task_list.map(str::to_owned).into_iter().collect(),
                        ),
                );
                statements.push(
                    Statement::new(&["DescribeActivityType"], resource.clone())
                        .sid(format!("Describe{i}"))
                        .condition("swf:activityType.name", vec![d.name.to_owned()])
                        .condition("swf:activityType.version", vec![d.version.to_owned()]),
                );
            }
        }
        if let Some(offload) = &config.offload {
            // Keys are `<prefix>/<hash>`: the policy reaches no other object in the bucket.
            let partition = Partition::of(config.client.region()).name();
            statements.push(
                Statement::of_service(
                    &["s3:PutObject", "s3:GetObject"],
                    keys_arn(partition, offload.store()),
                )
                .sid("PayloadStore"),
            );
        }
        let body = statements
            .iter()
            .map(|s| format!("    {}", s.to_json()))
            .collect::<Vec<_>>()
            .join(",\n");
        format!(
            "{{\n  \"Version\": {},\n  \"Statement\": [\n{body}\n  ]\n}}\n",
            json_string("2012-10-17")
        )
    }
}
