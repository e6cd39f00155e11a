"""boto3 drives rotations, overrides and shift listings against a Callout server.

Run: start Callout (the system clock is fine), then
    CALLOUT_ENDPOINT=http://127.0.0.1:5000 python3 -m unittest -v test_boto3_rotations

The expected shifts are test vectors 1, 7, 9 and 18 of spec/rotations.md §4. Overrides must end in
the future and at most six months ahead, so vectors with overrides are moved forward by whole
weeks (their times are UTC, so weekdays stay and there is no DST to keep). Every test works in an
account of its own.
"""

import os
import random
import unittest
import uuid
from datetime import datetime, timedelta, timezone

import boto3
from botocore.config import Config

ENDPOINT = os.environ["CALLOUT_ENDPOINT"].rstrip("/")
REGION = "us-east-1"
CONFIG = Config(retries={"max_attempts": 0})
UTC = timezone.utc
FIRST_MONDAY = datetime(2024, 1, 1, tzinfo=UTC)

DAILY_0900 = {"NumberOfOnCalls": 1, "RecurrenceMultiplier": 1, "DailySettings": [{"HourOfDay": 9, "MinuteOfHour": 0}]}
DAILY_0230 = {"NumberOfOnCalls": 1, "RecurrenceMultiplier": 1, "DailySettings": [{"HourOfDay": 2, "MinuteOfHour": 30}]}


def client(account):
    # spec/protocol.md §5: a 12-digit access key is the account.
    return boto3.client(
        "ssm-contacts",
        endpoint_url=ENDPOINT,
        region_name=REGION,
        aws_access_key_id=account,
        aws_secret_access_key="x",
        config=CONFIG,
    )


def new_account():
    return str(random.randrange(200_000_000_000, 999_999_999_999))


class Vector:
    """Times of one vector, written MM-DDTHH:MM in 2024 UTC, moved forward by whole weeks."""

    def __init__(self, weeks=0):
        self.weeks = weeks

    @staticmethod
    def near_future():
        """2024-01-01 (a Monday) becomes a Monday 8 to 14 days from now."""
        return Vector((datetime.now(UTC) - FIRST_MONDAY).days // 7 + 2)

    def at(self, text):
        return datetime.strptime("2024-" + text, "%Y-%m-%dT%H:%M").replace(tzinfo=UTC) + timedelta(weeks=self.weeks)

    def shift(self, contacts, start, end, overridden=None):
        return describe_parts(contacts or "[]", self.at(start), self.at(end), "R" if overridden is None else f"O({overridden})")


def text(t):
    t = t.astimezone(UTC)
    return t.strftime("%Y-%m-%dT%H:%M") if t.second == 0 and t.microsecond == 0 else t.isoformat()


def describe_parts(contacts, start, end, kind):
    return f"{contacts} {text(start)}→{text(end)} {kind}"


class RotationTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.account = new_account()
        self.c = client(self.account)
        for alias in "abcd":
            self.c.create_contact(Alias=alias, Type="PERSONAL", Plan={"Stages": []})

    def arn(self, letter):
        return f"arn:aws:ssm-contacts:{REGION}:{self.account}:contact/{letter.lower()}"

    def arns(self, letters):
        return [self.arn(x) for x in letters.split(",") if x]

    def letters(self, ids):
        prefix = self.arn("")
        names = [i[len(prefix):].upper() if i.startswith(prefix) else i for i in ids]
        return ",".join(names) if names else "[]"

    def describe(self, shift):
        overridden = shift.get("ShiftDetails")
        if shift["Type"] == "REGULAR" and overridden is None:
            kind = "R"
        elif shift["Type"] == "OVERRIDDEN" and overridden is not None:
            kind = f"O({self.letters(overridden['OverriddenContactIds'])})"
        else:
            kind = f"{shift['Type']} with ShiftDetails {overridden!r}"
        return describe_parts(self.letters(shift["ContactIds"]), shift["StartTime"], shift["EndTime"], kind)

    def rotation(self, letters, start, zone, recurrence, name="rotation"):
        return self.c.create_rotation(
            Name=name, ContactIds=self.arns(letters), StartTime=start, TimeZoneId=zone, Recurrence=recurrence
        )["RotationArn"]

    def shifts(self, rotation, start, end, **kwargs):
        paginator = self.c.get_paginator("list_rotation_shifts")
        pages = paginator.paginate(RotationId=rotation, StartTime=start, EndTime=end, **kwargs)
        return [self.describe(s) for page in pages for s in page["RotationShifts"]]

    def preview(self, **kwargs):
        paginator = self.c.get_paginator("list_preview_rotation_shifts")
        return [self.describe(s) for page in paginator.paginate(**kwargs) for s in page["RotationShifts"]]


class Vectors(RotationTestCase):
    def test_vector_1_daily_shifts_clipped_to_the_query(self):
        t = Vector()
        rotation = self.rotation("A,B,C", t.at("01-01T09:00"), "UTC", DAILY_0900)
        expected = [
            t.shift("A", "01-01T09:00", "01-02T09:00"),
            t.shift("B", "01-02T09:00", "01-03T09:00"),
            t.shift("C", "01-03T09:00", "01-04T09:00"),
            t.shift("A", "01-04T09:00", "01-05T00:00"),
        ]
        self.assertEqual(self.shifts(rotation, t.at("01-01T00:00"), t.at("01-05T00:00")), expected)
        # One shift a page through the paginator gives the same list.
        self.assertEqual(
            self.shifts(rotation, t.at("01-01T00:00"), t.at("01-05T00:00"), PaginationConfig={"PageSize": 1}), expected
        )

    def test_vector_7_an_override_inside_one_shift(self):
        t = Vector.near_future()
        rotation = self.rotation("A,B,C", t.at("01-01T09:00"), "UTC", DAILY_0900)
        override = self.c.create_rotation_override(
            RotationId=rotation, NewContactIds=self.arns("C"), StartTime=t.at("01-01T12:00"), EndTime=t.at("01-01T18:00")
        )["RotationOverrideId"]
        self.assertEqual(
            self.shifts(rotation, t.at("01-01T09:00"), t.at("01-03T09:00")),
            [
                t.shift("A", "01-01T09:00", "01-01T12:00"),
                t.shift("C", "01-01T12:00", "01-01T18:00", overridden="A"),
                t.shift("A", "01-01T18:00", "01-02T09:00"),
                t.shift("B", "01-02T09:00", "01-03T09:00"),
            ],
        )

        got = self.c.get_rotation_override(RotationId=rotation, RotationOverrideId=override)
        self.assertEqual(got["RotationArn"], rotation)
        self.assertEqual(got["NewContactIds"], self.arns("C"))
        self.assertEqual(got["StartTime"], t.at("01-01T12:00"))
        self.assertEqual(got["EndTime"], t.at("01-01T18:00"))
        listed = self.c.list_rotation_overrides(RotationId=rotation, StartTime=t.at("01-01T00:00"), EndTime=t.at("01-02T00:00"))
        self.assertEqual([o["RotationOverrideId"] for o in listed["RotationOverrides"]], [override])

        # Deleted, the regular team is back.
        self.c.delete_rotation_override(RotationId=rotation, RotationOverrideId=override)
        self.assertEqual(
            self.shifts(rotation, t.at("01-01T09:00"), t.at("01-02T09:00")), [t.shift("A", "01-01T09:00", "01-02T09:00")]
        )

    def test_vector_9_a_hand_off_in_the_spring_forward_gap(self):
        t = Vector()
        rotation = self.rotation("A,B", t.at("03-08T07:30"), "America/New_York", DAILY_0230)
        self.assertEqual(
            self.shifts(rotation, t.at("03-08T00:00"), t.at("03-12T00:00")),
            [
                t.shift("A", "03-08T07:30", "03-09T07:30"),
                t.shift("B", "03-09T07:30", "03-10T07:30"),
                t.shift("A", "03-10T07:30", "03-11T06:30"),
                t.shift("B", "03-11T06:30", "03-12T00:00"),
            ],
        )

    def test_vector_18_the_later_override_wins_and_an_empty_one_leaves_nobody(self):
        t = Vector.near_future()
        rotation = self.rotation("A,B,C", t.at("01-01T09:00"), "UTC", DAILY_0900)
        self.c.create_rotation_override(
            RotationId=rotation, NewContactIds=self.arns("B"), StartTime=t.at("01-01T10:00"), EndTime=t.at("01-01T20:00")
        )
        self.c.create_rotation_override(
            RotationId=rotation, NewContactIds=[], StartTime=t.at("01-01T14:00"), EndTime=t.at("01-01T16:00")
        )
        self.assertEqual(
            self.shifts(rotation, t.at("01-01T09:00"), t.at("01-02T09:00")),
            [
                t.shift("A", "01-01T09:00", "01-01T10:00"),
                t.shift("B", "01-01T10:00", "01-01T14:00", overridden="A"),
                t.shift("", "01-01T14:00", "01-01T16:00", overridden="A"),
                t.shift("B", "01-01T16:00", "01-01T20:00", overridden="A"),
                t.shift("A", "01-01T20:00", "01-02T09:00"),
            ],
        )


class Previews(RotationTestCase):
    def test_preview_of_vector_7_with_an_override(self):
        t = Vector()
        self.assertEqual(
            self.preview(
                Members=["A", "B", "C"],
                RotationStartTime=t.at("01-01T09:00"),
                StartTime=t.at("01-01T09:00"),
                EndTime=t.at("01-03T09:00"),
                TimeZoneId="UTC",
                Recurrence=DAILY_0900,
                Overrides=[{"NewMembers": ["C"], "StartTime": t.at("01-01T12:00"), "EndTime": t.at("01-01T18:00")}],
            ),
            [
                t.shift("A", "01-01T09:00", "01-01T12:00"),
                t.shift("C", "01-01T12:00", "01-01T18:00", overridden="A"),
                t.shift("A", "01-01T18:00", "01-02T09:00"),
                t.shift("B", "01-02T09:00", "01-03T09:00"),
            ],
        )

    def test_preview_of_vector_9_resolves_the_dst_gap(self):
        t = Vector()
        self.assertEqual(
            self.preview(
                Members=["A", "B"],
                RotationStartTime=t.at("03-08T07:30"),
                StartTime=t.at("03-08T00:00"),
                EndTime=t.at("03-12T00:00"),
                TimeZoneId="America/New_York",
                Recurrence=DAILY_0230,
                PaginationConfig={"PageSize": 1},
            ),
            [
                t.shift("A", "03-08T07:30", "03-09T07:30"),
                t.shift("B", "03-09T07:30", "03-10T07:30"),
                t.shift("A", "03-10T07:30", "03-11T06:30"),
                t.shift("B", "03-11T06:30", "03-12T00:00"),
            ],
        )


class Rotations(RotationTestCase):
    def test_create_get_update_list_and_delete(self):
        t = Vector()
        recurrence = {
            "NumberOfOnCalls": 1,
            "RecurrenceMultiplier": 2,
            "WeeklySettings": [
                {"DayOfWeek": "WED", "HandOffTime": {"HourOfDay": 4, "MinuteOfHour": 25}},
                {"DayOfWeek": "FRI", "HandOffTime": {"HourOfDay": 15, "MinuteOfHour": 57}},
            ],
            "ShiftCoverages": {"MON": [{"Start": {"HourOfDay": 9, "MinuteOfHour": 0}, "End": {"HourOfDay": 17, "MinuteOfHour": 0}}]},
        }
        rotation = self.c.create_rotation(
            Name="Primary on call",
            ContactIds=self.arns("C,A"),
            StartTime=t.at("01-01T09:00"),
            TimeZoneId="Europe/London",
            Recurrence=recurrence,
            Tags=[{"Key": "team", "Value": "sre"}],
            IdempotencyToken=str(uuid.uuid4()),
        )["RotationArn"]
        self.assertRegex(rotation, rf"^arn:aws:ssm-contacts:{REGION}:{self.account}:rotation/[0-9a-f-]{{36}}$")

        got = self.c.get_rotation(RotationId=rotation)
        self.assertEqual(got["Name"], "Primary on call")
        self.assertEqual(got["ContactIds"], self.arns("C,A"))
        self.assertEqual(got["StartTime"], t.at("01-01T09:00"))
        self.assertEqual(got["TimeZoneId"], "Europe/London")
        self.assertEqual(got["Recurrence"], recurrence)
        self.assertEqual(self.c.list_tags_for_resource(ResourceARN=rotation)["Tags"], [{"Key": "team", "Value": "sre"}])

        self.c.update_rotation(RotationId=rotation, Recurrence=DAILY_0900)
        got = self.c.get_rotation(RotationId=rotation)
        self.assertEqual(got["Recurrence"], DAILY_0900)
        self.assertEqual(got["ContactIds"], self.arns("C,A"))
        self.assertEqual(got["TimeZoneId"], "Europe/London")

        paginator = self.c.get_paginator("list_rotations")
        names = [r["Name"] for page in paginator.paginate(RotationNamePrefix="Primary") for r in page["Rotations"]]
        self.assertEqual(names, ["Primary on call"])

        self.c.delete_rotation(RotationId=rotation)
        with self.assertRaises(self.c.exceptions.ResourceNotFoundException) as caught:
            self.c.get_rotation(RotationId=rotation)
        self.assertEqual(caught.exception.response["ResourceType"], "ROTATION")

    def test_a_rotation_made_without_a_start_time_comes_back_without_one(self):
        # Terraform's aws_ssmcontacts_rotation copies StartTime into state; a value it never set
        # would show as a change on every plan.
        rotation = self.c.create_rotation(
            Name="no start", ContactIds=self.arns("A,B"), TimeZoneId="UTC", Recurrence=DAILY_0900
        )["RotationArn"]
        given = self.rotation("A,B", Vector().at("01-01T09:00"), "UTC", DAILY_0900, name="with start")

        self.assertNotIn("StartTime", self.c.get_rotation(RotationId=rotation))
        listed = {r["RotationArn"]: r for r in self.c.list_rotations()["Rotations"]}
        self.assertNotIn("StartTime", listed[rotation])
        self.assertEqual(self.c.get_rotation(RotationId=given)["StartTime"], Vector().at("01-01T09:00"))
        self.assertEqual(listed[given]["StartTime"], Vector().at("01-01T09:00"))

        # An update that leaves StartTime out keeps it unset; one that sends it sets it.
        self.c.update_rotation(RotationId=rotation, Recurrence=DAILY_0230)
        self.assertNotIn("StartTime", self.c.get_rotation(RotationId=rotation))
        self.c.update_rotation(RotationId=rotation, StartTime=Vector().at("01-02T02:30"), Recurrence=DAILY_0230)
        self.assertEqual(self.c.get_rotation(RotationId=rotation)["StartTime"], Vector().at("01-02T02:30"))

    def test_a_bad_recurrence_is_a_validation_error(self):
        with self.assertRaises(self.c.exceptions.ValidationException):
            self.c.create_rotation(
                Name="bad", ContactIds=self.arns("A"), TimeZoneId="UTC",
                Recurrence={"NumberOfOnCalls": 2, "RecurrenceMultiplier": 1, "DailySettings": [{"HourOfDay": 9, "MinuteOfHour": 0}]},
            )

    def test_a_member_is_a_dependent_of_its_rotation(self):
        rotation = self.rotation("A,B", Vector().at("01-01T09:00"), "UTC", DAILY_0900)
        with self.assertRaises(self.c.exceptions.ConflictException) as caught:
            self.c.delete_contact(ContactId=self.arn("a"))
        self.assertEqual(
            caught.exception.response["DependentEntities"],
            [{"RelationType": "RotationMembership", "DependentResourceIds": [rotation]}],
        )

    def test_an_oncall_schedule_holds_rotations(self):
        r1 = self.rotation("A,B,C", Vector().at("01-01T09:00"), "UTC", DAILY_0900, "r1")
        r2 = self.rotation("D", Vector().at("01-01T09:00"), "UTC", DAILY_0900, "r2")
        schedule = self.c.create_contact(
            Alias="oncall", Type="ONCALL_SCHEDULE", Plan={"Stages": [], "RotationIds": [r1, r2]}
        )["ContactArn"]
        self.assertEqual(self.c.get_contact(ContactId=schedule)["Plan"]["RotationIds"], [r1, r2])
        listed = self.c.list_contacts(Type="ONCALL_SCHEDULE")["Contacts"]
        self.assertEqual([c["Alias"] for c in listed], ["oncall"])
        self.c.delete_rotation(RotationId=r1)
        self.assertEqual(self.c.get_contact(ContactId=schedule)["Plan"]["RotationIds"], [r2])


if __name__ == "__main__":
    unittest.main()
