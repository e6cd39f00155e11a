"""boto3 against a running Callout server.

Run: CALLOUT_ENDPOINT=http://127.0.0.1:5000 python3 -m unittest -v test_boto3

Every test works under its own alias prefix (or its own account), so the suite can run
again and again against one server.
"""

import copy
import json
import os
import random
import re
import unittest
import urllib.request
import uuid

import boto3
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = os.environ["CALLOUT_ENDPOINT"].rstrip("/")
ACCOUNT = "111122223333"
REGION = "us-east-1"
RUN = uuid.uuid4().hex[:8]

# docs/spec/protocol.md §3: don't let botocore retry, so an unexpected 5xx fails at once.
CONFIG = Config(retries={"max_attempts": 0})

_counter = iter(range(1, 1_000_000))


def client(account=ACCOUNT):
    # docs/spec/protocol.md §5: a 12-digit access key is the account.
    return boto3.client(
        "ssm-contacts",
        endpoint_url=ENDPOINT,
        region_name=REGION,
        aws_access_key_id=account,
        aws_secret_access_key="x",
        config=CONFIG,
    )


def alias(name):
    """A fresh alias for this run: `r<run>-<n>-<name>` matches ^[a-z0-9_\\-]*$."""
    return f"r{RUN}-{next(_counter)}-{name}"


def phone():
    """A fresh E.164 number, so the outbox message for it is unambiguous."""
    return "+1555" + f"{random.randrange(10**7):07d}"


def arn(account, resource):
    return f"arn:aws:ssm-contacts:{REGION}:{account}:{resource}"


def examples(operation):
    """botocore's own worked examples for ssm-contacts (examples-1.json), read at run time."""
    loader = botocore.session.get_session().get_component("data_loader")
    return loader.load_service_model("ssm-contacts", "examples-1", "2021-05-03")["examples"][operation]


def activation_code(address, account=ACCOUNT):
    """The code in the newest activation message sent to `address` (GET /_callout/outbox)."""
    with urllib.request.urlopen(ENDPOINT + "/_callout/outbox") as response:
        messages = json.load(response)["Messages"]
    for message in messages:  # newest first
        if message["Kind"] == "ACTIVATION" and message["Address"] == address and message["AccountId"] == account:
            match = re.search(r"\b(\d{6})\b", message["Body"])
            if match is None:
                raise AssertionError(f"no 6-digit code in {message['Body']!r}")
            return match.group(1)
    raise AssertionError(f"no activation message for {address} in the outbox")


class CalloutTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.c = client()

    def assertError(self, code, call, **kwargs):
        """Calls and expects a modeled error; returns the parsed error response."""
        with self.assertRaises(ClientError) as caught:
            call(**kwargs)
        response = caught.exception.response
        self.assertEqual(response["Error"]["Code"], code, response)
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 400, response)
        self.assertTrue(response["Error"]["Message"], response)
        return response

    def new_contact(self, name, contact_type="PERSONAL", **kwargs):
        return self.c.create_contact(Alias=alias(name), Type=contact_type, Plan=kwargs.pop("Plan", {"Stages": []}), **kwargs)["ContactArn"]


class GetContactExamples(CalloutTestCase):
    """Recreates the two GetContact examples of botocore's documentation and compares field by field.

    The examples live in account 111122223333 under the bare aliases akuam, alejr, anasi and
    example_escalation; to keep those aliases exact and the suite re-runnable, this test uses an
    account of its own.
    """

    def setUp(self):
        self.account = str(random.randrange(200_000_000_000, 999_999_999_999))
        self.c = client(self.account)

    def test_get_contact_examples_match_botocore_documentation(self):
        akuam_example, escalation_example = examples("GetContact")
        self.assertEqual(akuam_example["output"]["Alias"], "akuam")
        self.assertEqual(escalation_example["output"]["Alias"], "example_escalation")

        # Example 1: akuam, PERSONAL, three stages of one channel each.
        akuam = self.c.create_contact(Alias="akuam", DisplayName="Akua Mansa", Type="PERSONAL", Plan={"Stages": []})["ContactArn"]
        self.assertEqual(akuam, arn(self.account, "contact/akuam"))
        channels = [
            self.c.create_contact_channel(ContactId=akuam, Name=name, Type=kind, DeliveryAddress={"SimpleAddress": address}, DeferActivation=True)["ContactChannelArn"]
            for name, kind, address in [("akuas sms", "SMS", phone()), ("akuas voice", "VOICE", phone()), ("akuas email", "EMAIL", f"akuam-{RUN}@example.com")]
        ]
        self.c.update_contact(ContactId=akuam, Plan={"Stages": [
            {"DurationInMinutes": 5, "Targets": [{"ChannelTargetInfo": {"ContactChannelId": channel, "RetryIntervalInMinutes": 1}}]}
            for channel in channels
        ]})

        # Example 2: example_escalation over akuam, alejr and anasi.
        alejr = self.c.create_contact(Alias="alejr", Type="PERSONAL", Plan={"Stages": []})["ContactArn"]
        anasi = self.c.create_contact(Alias="anasi", Type="PERSONAL", Plan={"Stages": []})["ContactArn"]
        escalation = self.c.create_contact(Alias="example_escalation", DisplayName="Example Escalation Plan", Type="ESCALATION", Plan={"Stages": [
            {"DurationInMinutes": 5, "Targets": [{"ContactTargetInfo": {"ContactId": akuam, "IsEssential": True}}]},
            {"DurationInMinutes": 5, "Targets": [{"ContactTargetInfo": {"ContactId": alejr, "IsEssential": False}}]},
            {"DurationInMinutes": 0, "Targets": [{"ContactTargetInfo": {"ContactId": anasi, "IsEssential": False}}]},
        ]})["ContactArn"]

        # Each example ARN maps to ours by position: the example's account/region/channel ids become ours.
        example_channels = [stage["Targets"][0]["ChannelTargetInfo"]["ContactChannelId"] for stage in akuam_example["output"]["Plan"]["Stages"]]
        example_contacts = [stage["Targets"][0]["ContactTargetInfo"]["ContactId"] for stage in escalation_example["output"]["Plan"]["Stages"]]
        self.assertEqual(len(example_channels), 3)
        self.assertEqual(len(example_contacts), 3)
        ours = dict(zip(example_channels, channels))
        ours.update(zip(example_contacts, [akuam, alejr, anasi]))
        ours[akuam_example["output"]["ContactArn"]] = akuam
        ours[escalation_example["output"]["ContactArn"]] = escalation

        for example, contact in [(akuam_example, akuam), (escalation_example, escalation)]:
            with self.subTest(example=example["id"]):
                self.assertIn(example["input"]["ContactId"], ours)
                actual = self.c.get_contact(ContactId=ours[example["input"]["ContactId"]])
                actual.pop("ResponseMetadata")
                self.assert_matches_example(example["output"], actual, ours)

    def assert_matches_example(self, expected, actual, ours):
        self.assertEqual(sorted(actual), sorted(expected))
        self.assertEqual(actual["ContactArn"], ours[expected["ContactArn"]])
        for key in ("Alias", "DisplayName", "Type"):
            self.assertEqual(actual[key], expected[key], key)
        self.assertEqual(sorted(actual["Plan"]), sorted(expected["Plan"]))
        expected_stages, actual_stages = expected["Plan"]["Stages"], actual["Plan"]["Stages"]
        self.assertEqual(len(actual_stages), len(expected_stages))
        for index, (want, got) in enumerate(zip(expected_stages, actual_stages)):
            self.assertEqual(sorted(got), sorted(want), f"stage {index}")
            self.assertEqual(got["DurationInMinutes"], want["DurationInMinutes"], f"stage {index}")
            self.assertEqual(len(got["Targets"]), len(want["Targets"]), f"stage {index}")
            for want_target, got_target in zip(want["Targets"], got["Targets"]):
                self.assertEqual(sorted(got_target), sorted(want_target), f"stage {index}")
                if "ChannelTargetInfo" in want_target:
                    want_info, got_info = want_target["ChannelTargetInfo"], got_target["ChannelTargetInfo"]
                    self.assertEqual(sorted(got_info), sorted(want_info), f"stage {index}")
                    self.assertEqual(got_info["RetryIntervalInMinutes"], want_info["RetryIntervalInMinutes"], f"stage {index}")
                    self.assertEqual(got_info["ContactChannelId"], ours[want_info["ContactChannelId"]], f"stage {index}")
                else:
                    want_info, got_info = want_target["ContactTargetInfo"], got_target["ContactTargetInfo"]
                    self.assertEqual(sorted(got_info), sorted(want_info), f"stage {index}")
                    self.assertIs(got_info["IsEssential"], want_info["IsEssential"], f"stage {index}")
                    self.assertEqual(got_info["ContactId"], ours[want_info["ContactId"]], f"stage {index}")

        # And the whole document, with the example's ARNs replaced by ours.
        self.assertEqual(actual, _substitute(copy.deepcopy(expected), ours))


def _substitute(value, ours):
    if isinstance(value, dict):
        return {k: _substitute(v, ours) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, ours) for v in value]
    if isinstance(value, str):
        return ours.get(value, value)
    return value


class Contacts(CalloutTestCase):
    def test_create_get_update_and_list_a_contact(self):
        contact = self.new_contact("crud", DisplayName="First Name")
        got = self.c.get_contact(ContactId=contact)
        self.assertEqual(got["ContactArn"], contact)
        self.assertEqual(got["DisplayName"], "First Name")
        self.assertEqual(got["Type"], "PERSONAL")
        self.assertEqual(got["Plan"], {"Stages": []})

        self.c.update_contact(ContactId=contact, DisplayName="Second Name")
        self.assertEqual(self.c.get_contact(ContactId=contact)["DisplayName"], "Second Name")
        # domain.md §4.37: "" clears the name.
        self.c.update_contact(ContactId=contact, DisplayName="")
        self.assertNotIn("DisplayName", self.c.get_contact(ContactId=contact))

        listed = self.c.list_contacts(AliasPrefix=got["Alias"])["Contacts"]
        self.assertEqual(listed, [{"ContactArn": contact, "Alias": got["Alias"], "Type": "PERSONAL"}])

    def test_list_contacts_paginator_walks_every_page_with_filters(self):
        prefix = alias("page") + "-"
        created = {}
        for name, contact_type in [("a", "PERSONAL"), ("b", "PERSONAL"), ("c", "ESCALATION"), ("d", "PERSONAL"), ("e", "PERSONAL")]:
            created[prefix + name] = self.c.create_contact(Alias=prefix + name, Type=contact_type, Plan={"Stages": []})["ContactArn"]
        # Shares the text of the prefix but not its trailing "-", so the filter must leave it out.
        self.c.create_contact(Alias=prefix[:-1] + "x", Type="PERSONAL", Plan={"Stages": []})

        paginator = self.c.get_paginator("list_contacts")
        pages = list(paginator.paginate(AliasPrefix=prefix, PaginationConfig={"PageSize": 2}))
        self.assertEqual([len(p["Contacts"]) for p in pages], [2, 2, 1])
        self.assertNotIn("NextToken", pages[-1])
        for page in pages[:-1]:
            self.assertTrue(page["NextToken"])
        listed = [c for p in pages for c in p["Contacts"]]
        self.assertEqual(sorted(c["Alias"] for c in listed), sorted(created))
        self.assertEqual({c["Alias"]: c["ContactArn"] for c in listed}, created)

        full = paginator.paginate(AliasPrefix=prefix, Type="PERSONAL", PaginationConfig={"PageSize": 2}).build_full_result()
        self.assertEqual(sorted(c["Alias"] for c in full["Contacts"]), [prefix + n for n in "abde"])
        self.assertTrue(all(c["Type"] == "PERSONAL" for c in full["Contacts"]))

        escalations = paginator.paginate(AliasPrefix=prefix, Type="ESCALATION").build_full_result()["Contacts"]
        self.assertEqual([c["Alias"] for c in escalations], [prefix + "c"])

        # MaxResults without the paginator: one page and a token that leads on.
        first = self.c.list_contacts(AliasPrefix=prefix, MaxResults=3)
        self.assertEqual(len(first["Contacts"]), 3)
        second = self.c.list_contacts(AliasPrefix=prefix, MaxResults=3, NextToken=first["NextToken"])
        self.assertEqual(len(second["Contacts"]), 2)
        self.assertNotIn("NextToken", second)

    def test_same_idempotency_token_returns_the_same_contact(self):
        token = str(uuid.uuid4())
        name = alias("idem")
        first = self.c.create_contact(Alias=name, Type="PERSONAL", Plan={"Stages": []}, IdempotencyToken=token)["ContactArn"]
        again = self.c.create_contact(Alias=name, Type="PERSONAL", Plan={"Stages": []}, IdempotencyToken=token)["ContactArn"]
        self.assertEqual(again, first)
        self.assertEqual(first, arn(ACCOUNT, f"contact/{name}"))

        response = self.assertError("ConflictException", self.c.create_contact, Alias=alias("idem-other"), Type="PERSONAL", Plan={"Stages": []}, IdempotencyToken=token)
        self.assertIn("ResourceId", response)
        self.assertIn("ResourceType", response)

    def test_duplicate_alias_is_a_conflict(self):
        contact = self.new_contact("dup")
        name = self.c.get_contact(ContactId=contact)["Alias"]
        response = self.assertError("ConflictException", self.c.create_contact, Alias=name, Type="ESCALATION", Plan={"Stages": []})
        self.assertEqual(response["ResourceId"], contact)
        self.assertEqual(response["ResourceType"], "CONTACT")

    def test_missing_resources_are_not_found(self):
        missing = arn(ACCOUNT, f"contact/{alias('missing')}")
        response = self.assertError("ResourceNotFoundException", self.c.get_contact, ContactId=missing)
        self.assertEqual(response["ResourceType"], "CONTACT")
        self.assertEqual(response["ResourceId"], missing)
        self.assertEqual(response["Message"], response["Error"]["Message"])
        for call, kwargs in [
            (self.c.update_contact, {"ContactId": missing, "DisplayName": "x"}),
            (self.c.delete_contact, {"ContactId": missing}),
            (self.c.list_contact_channels, {"ContactId": missing}),
            (self.c.get_contact_policy, {"ContactArn": missing}),
            (self.c.list_tags_for_resource, {"ResourceARN": missing}),
        ]:
            with self.subTest(operation=call.__name__):
                self.assertEqual(self.assertError("ResourceNotFoundException", call, **kwargs)["ResourceType"], "CONTACT")

        contact = self.new_contact("missing-channel")
        missing_channel = contact.replace(":contact/", ":contact-channel/") + "/" + str(uuid.uuid4())
        response = self.assertError("ResourceNotFoundException", self.c.get_contact_channel, ContactChannelId=missing_channel)
        self.assertEqual(response["ResourceType"], "CONTACT_CHANNEL")
        self.assertEqual(response["ResourceId"], missing_channel)

    def test_invalid_alias_reports_the_field(self):
        response = self.assertError("ValidationException", self.c.create_contact, Alias="UPPER!", Type="PERSONAL", Plan={"Stages": []})
        self.assertEqual(response["Reason"], "FIELD_VALIDATION_FAILED")
        self.assertEqual([f["Name"] for f in response["Fields"]], ["alias"])
        self.assertIn("UPPER!", response["Message"])

        response = self.assertError("ValidationException", self.c.create_contact, Alias=alias("bad-type"), Type="BOGUS", Plan={"Stages": []})
        self.assertEqual(response["Reason"], "FIELD_VALIDATION_FAILED")
        self.assertEqual([f["Name"] for f in response["Fields"]], ["type"])

    def test_escalation_plan_round_trips(self):
        person = self.new_contact("esc-person")
        plan = {"Stages": [
            {"DurationInMinutes": 10, "Targets": [{"ContactTargetInfo": {"ContactId": person, "IsEssential": True}}]},
            {"DurationInMinutes": 1, "Targets": []},
        ]}
        escalation = self.new_contact("esc", "ESCALATION", Plan=plan)
        self.assertEqual(self.c.get_contact(ContactId=escalation)["Plan"], plan)

        # UpdateContact's Plan replaces the whole plan; omitting it leaves it alone.
        self.c.update_contact(ContactId=escalation, DisplayName="Renamed")
        self.assertEqual(self.c.get_contact(ContactId=escalation)["Plan"], plan)
        self.c.update_contact(ContactId=escalation, Plan={"Stages": []})
        self.assertEqual(self.c.get_contact(ContactId=escalation)["Plan"], {"Stages": []})

    def test_delete_contact_removes_it_and_its_channels(self):
        contact = self.new_contact("delete")
        channel = self.c.create_contact_channel(ContactId=contact, Name="gone", Type="SMS", DeliveryAddress={"SimpleAddress": phone()}, DeferActivation=True)["ContactChannelArn"]
        self.c.delete_contact(ContactId=contact)
        self.assertError("ResourceNotFoundException", self.c.get_contact, ContactId=contact)
        self.assertError("ResourceNotFoundException", self.c.get_contact_channel, ContactChannelId=channel)
        self.assertError("ResourceNotFoundException", self.c.delete_contact, ContactId=contact)
        name = contact.rsplit("/", 1)[1]
        self.assertEqual(self.c.list_contacts(AliasPrefix=name)["Contacts"], [])


class Channels(CalloutTestCase):
    def test_channel_lifecycle_from_creation_to_deletion(self):
        contact = self.new_contact("channels")
        address = phone()
        channel = self.c.create_contact_channel(ContactId=contact, Name="mobile sms", Type="SMS", DeliveryAddress={"SimpleAddress": address})["ContactChannelArn"]
        self.assertTrue(channel.startswith(contact.replace(":contact/", ":contact-channel/") + "/"), channel)

        got = self.c.get_contact_channel(ContactChannelId=channel)
        got.pop("ResponseMetadata")
        self.assertEqual(got, {
            "ContactArn": contact, "ContactChannelArn": channel, "Name": "mobile sms", "Type": "SMS",
            "DeliveryAddress": {"SimpleAddress": address}, "ActivationStatus": "NOT_ACTIVATED",
        })

        # A wrong code is refused; the one from the outbox activates.
        code = activation_code(address)
        wrong = "000000" if code != "000000" else "111111"
        self.assertError("ValidationException", self.c.activate_contact_channel, ContactChannelId=channel, ActivationCode=wrong)
        self.c.activate_contact_channel(ContactChannelId=channel, ActivationCode=code)
        self.assertEqual(self.c.get_contact_channel(ContactChannelId=channel)["ActivationStatus"], "ACTIVATED")

        self.c.deactivate_contact_channel(ContactChannelId=channel)
        self.assertEqual(self.c.get_contact_channel(ContactChannelId=channel)["ActivationStatus"], "NOT_ACTIVATED")

        # A fresh code replaces the old one.
        self.c.send_activation_code(ContactChannelId=channel)
        fresh = activation_code(address)
        self.c.activate_contact_channel(ContactChannelId=channel, ActivationCode=fresh)
        self.assertEqual(self.c.get_contact_channel(ContactChannelId=channel)["ActivationStatus"], "ACTIVATED")

        # Renaming keeps the status; a new address must be confirmed again (domain.md §2.2).
        self.c.update_contact_channel(ContactChannelId=channel, Name="work sms")
        got = self.c.get_contact_channel(ContactChannelId=channel)
        self.assertEqual((got["Name"], got["ActivationStatus"]), ("work sms", "ACTIVATED"))
        new_address = phone()
        self.c.update_contact_channel(ContactChannelId=channel, DeliveryAddress={"SimpleAddress": new_address})
        got = self.c.get_contact_channel(ContactChannelId=channel)
        self.assertEqual(got["DeliveryAddress"], {"SimpleAddress": new_address})
        self.assertEqual(got["ActivationStatus"], "NOT_ACTIVATED")
        self.c.activate_contact_channel(ContactChannelId=channel, ActivationCode=activation_code(new_address))
        self.assertEqual(self.c.get_contact_channel(ContactChannelId=channel)["ActivationStatus"], "ACTIVATED")

        email = self.c.create_contact_channel(ContactId=contact, Name="mail", Type="EMAIL", DeliveryAddress={"SimpleAddress": f"{RUN}@example.com"}, DeferActivation=True)["ContactChannelArn"]
        listed = self.c.list_contact_channels(ContactId=contact)["ContactChannels"]
        self.assertEqual(sorted(c["ContactChannelArn"] for c in listed), sorted([channel, email]))
        by_arn = {c["ContactChannelArn"]: c for c in listed}
        self.assertEqual(by_arn[email]["ActivationStatus"], "NOT_ACTIVATED")
        self.assertEqual(by_arn[channel]["Name"], "work sms")

        self.c.delete_contact_channel(ContactChannelId=channel)
        self.assertError("ResourceNotFoundException", self.c.get_contact_channel, ContactChannelId=channel)
        self.assertEqual([c["ContactChannelArn"] for c in self.c.list_contact_channels(ContactId=contact)["ContactChannels"]], [email])

    def test_deferred_channel_gets_its_code_only_on_request(self):
        contact = self.new_contact("deferred")
        address = f"deferred-{RUN}@example.com"
        channel = self.c.create_contact_channel(ContactId=contact, Name="mail", Type="EMAIL", DeliveryAddress={"SimpleAddress": address}, DeferActivation=True)["ContactChannelArn"]
        with self.assertRaises(AssertionError):
            activation_code(address)
        self.c.send_activation_code(ContactChannelId=channel)
        self.c.activate_contact_channel(ContactChannelId=channel, ActivationCode=activation_code(address))
        self.assertEqual(self.c.get_contact_channel(ContactChannelId=channel)["ActivationStatus"], "ACTIVATED")

    def test_send_activation_code_is_limited_per_channel(self):
        contact = self.new_contact("quota")
        channel = self.c.create_contact_channel(ContactId=contact, Name="mail", Type="EMAIL", DeliveryAddress={"SimpleAddress": f"quota-{RUN}@example.com"}, DeferActivation=True)["ContactChannelArn"]
        for _ in range(5):
            self.c.send_activation_code(ContactChannelId=channel)
        response = self.assertError("ServiceQuotaExceededException", self.c.send_activation_code, ContactChannelId=channel)
        self.assertEqual(response["ServiceCode"], "ssm-contacts")
        self.assertTrue(response["QuotaCode"])


class CodeGuessing(CalloutTestCase):
    """docs/security.md, Codes: 5 wrong tries burn an activation code; an account's wrong tries are throttled."""

    def setUp(self):
        # An account of its own, so its wrong tries throttle no other test.
        self.account = str(random.randrange(200_000_000_000, 999_999_999_999))
        self.c = client(self.account)

    def channel(self, name):
        contact = self.new_contact(name)
        address = phone()
        arn = self.c.create_contact_channel(ContactId=contact, Name="sms", Type="SMS", DeliveryAddress={"SimpleAddress": address})["ContactChannelArn"]
        return arn, address

    def test_five_wrong_codes_burn_the_code_until_a_new_one_is_sent_and_more_are_throttled(self):
        channel, address = self.channel("burn")
        code = activation_code(address, self.account)
        wrong = "000000" if code != "000000" else "111111"
        for _ in range(5):
            self.assertError("ValidationException", self.c.activate_contact_channel, ContactChannelId=channel, ActivationCode=wrong)
        burned = self.assertError("ValidationException", self.c.activate_contact_channel, ContactChannelId=channel, ActivationCode=code)
        self.assertIn("SendActivationCode", burned["Error"]["Message"])

        self.c.send_activation_code(ContactChannelId=channel)
        self.c.activate_contact_channel(ContactChannelId=channel, ActivationCode=activation_code(address, self.account))
        self.assertEqual(self.c.get_contact_channel(ContactChannelId=channel)["ActivationStatus"], "ACTIVATED")

        # 6 wrong tries so far; 14 more across other channels spend the account's 20.
        for n in range(3):
            other, other_address = self.channel(f"spend{n}")
            other_wrong = "000000" if activation_code(other_address, self.account) != "000000" else "111111"
            for _ in range(5 if n < 2 else 4):
                self.assertError("ValidationException", self.c.activate_contact_channel, ContactChannelId=other, ActivationCode=other_wrong)
        last, last_address = self.channel("throttled")
        throttled = self.assertError("ThrottlingException", self.c.activate_contact_channel,
                                     ContactChannelId=last, ActivationCode=activation_code(last_address, self.account))
        self.assertGreater(throttled["RetryAfterSeconds"], 0)
        self.assertEqual(self.c.get_contact_channel(ContactChannelId=last)["ActivationStatus"], "NOT_ACTIVATED")
    def test_tags_are_added_listed_and_removed(self):
        contact = self.new_contact("tags", Tags=[{"Key": "team", "Value": "blue"}])
        self.assertEqual(self.c.list_tags_for_resource(ResourceARN=contact)["Tags"], [{"Key": "team", "Value": "blue"}])

        self.c.tag_resource(ResourceARN=contact, Tags=[{"Key": "group1", "Value": "1"}, {"Key": "team", "Value": "red"}])
        tags = self.c.list_tags_for_resource(ResourceARN=contact)["Tags"]
        self.assertEqual(sorted((t["Key"], t["Value"]) for t in tags), [("group1", "1"), ("team", "red")])

        self.c.untag_resource(ResourceARN=contact, TagKeys=["group1", "absent"])
        self.assertEqual(self.c.list_tags_for_resource(ResourceARN=contact)["Tags"], [{"Key": "team", "Value": "red"}])

        # 51 in one request break the model's list limit; 51 on the resource break the quota.
        too_many = [{"Key": f"k{i}", "Value": "v"} for i in range(51)]
        self.assertEqual(self.assertError("ValidationException", self.c.tag_resource, ResourceARN=contact, Tags=too_many)["Reason"], "FIELD_VALIDATION_FAILED")
        self.c.tag_resource(ResourceARN=contact, Tags=too_many[:49])
        self.assertEqual(len(self.c.list_tags_for_resource(ResourceARN=contact)["Tags"]), 50)
        self.assertError("ServiceQuotaExceededException", self.c.tag_resource, ResourceARN=contact, Tags=too_many[49:])
        self.assertEqual(len(self.c.list_tags_for_resource(ResourceARN=contact)["Tags"]), 50)

    def test_contact_policy_round_trips(self):
        name = alias("policy")
        contact = self.c.create_contact(Alias=name, Type="PERSONAL", Plan={"Stages": []})["ContactArn"]
        self.assertEqual(self.c.get_contact_policy(ContactArn=contact)["ContactArn"], contact)
        self.assertNotIn("Policy", self.c.get_contact_policy(ContactArn=contact))

        # botocore's PutContactPolicy example, pointed at our contact instead of akuam.
        example = examples("PutContactPolicy")[0]["input"]
        policy = example["Policy"].replace("contact/akuam", f"contact/{name}").replace("engagement/akuam/", f"engagement/{name}/")
        self.assertIn(name, policy)
        self.c.put_contact_policy(ContactArn=contact, Policy=policy)
        got = self.c.get_contact_policy(ContactArn=contact)
        self.assertEqual(got["ContactArn"], contact)
        self.assertEqual(json.loads(got["Policy"]), json.loads(policy))

        self.assertError("ValidationException", self.c.put_contact_policy, ContactArn=contact, Policy="not json")




if __name__ == "__main__":
    unittest.main()
