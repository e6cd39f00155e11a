"""boto3 drives rotations, overrides and shift listings against a Callout server.

Run: start Callout (the system clock is fine), then
    CALLOUT_ENDPOINT=http://127.0.0.1:5000 python3 -m unittest -v test_boto3_rotations

The expected shifts are the test vectors of docs/spec/rotations.md §4, read from the table every test
layer shares, tests/vectors/rotation-shifts.json: each vector through ListRotationShifts (test_vector_NN)
and through ListPreviewRotationShifts (test_preview_of_vector_NN). Overrides must end in the future
and at most six months ahead, so vectors with overrides are moved forward by whole weeks (their
times are UTC, so weekdays stay and there is no DST to keep). Every test works in an account of its own.
"""

import json
import os
import random
import unittest
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import boto3
from botocore.config import Config

ENDPOINT = os.environ["CALLOUT_ENDPOINT"].rstrip("/")
REGION = "us-east-1"
CONFIG = Config(retries={"max_attempts": 0})
UTC = timezone.utc
FIRST_MONDAY = datetime(2024, 1, 1, tzinfo=UTC)

# tests/vectors/rotation-shifts.json, by path from this file: tests/clients/python -> tests/vectors.
VECTORS_PATH = Path(__file__).resolve().parents[2] / "vectors" / "rotation-shifts.json"
VECTORS = {v["Number"]: v for v in json.loads(VECTORS_PATH.read_text(encoding="utf-8"))["Vectors"]}

DAILY_0900 = {"NumberOfOnCalls": 1, "RecurrenceMultiplier": 1, "DailySettings": [{"HourOfDay": 9, "MinuteOfHour": 0}]}
DAILY_0230 = {"NumberOfOnCalls": 1, "RecurrenceMultiplier": 1, "DailySettings": [{"HourOfDay": 2, "MinuteOfHour": 30}]}


def client(account):
    # docs/spec/protocol.md §5: a 12-digit access key is the account.
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


def weeks_to_near_future():
    """2024-01-01 (a Monday) moved by this many weeks is a Monday 8 to 14 days from now."""
    return (datetime.now(UTC) - FIRST_MONDAY).days // 7 + 2


def in_2024(text):
    """A time written MM-DDTHH:MM in 2024 UTC."""
    return datetime.strptime("2024-" + text, "%Y-%m-%dT%H:%M").replace(tzinfo=UTC)


class TableVector:
    """One vector of the table, its times moved forward by whole weeks."""

    def __init__(self, number, weeks=0):
        self.data = VECTORS[number]
        self.weeks = weeks
        if weeks and any(r["TimeZoneId"] != "UTC" for r in self.rotations):
            raise ValueError(f"vector {number} is not in UTC and cannot be moved by weeks")

    @staticmethod
    def for_api(number):
        """Vectors with overrides move into the near future (overrides must end after now)."""
        has_overrides = any(r["Overrides"] for r in VECTORS[number]["Rotations"])
        return TableVector(number, weeks_to_near_future() if has_overrides else 0)

    @property
    def rotations(self):
        return self.data["Rotations"]

    def at(self, iso):
        return datetime.fromisoformat(iso) + timedelta(weeks=self.weeks)

    def expected(self, rotation):
        """The rotation's shifts as describe() writes them."""
        return [
            describe_parts(
                joined(s["ContactIds"]),
                self.at(s["StartTime"]),
                self.at(s["EndTime"]),
                f"O({joined(s['ShiftDetails']['OverriddenContactIds'])})" if s["Type"] == "OVERRIDDEN" else "R",
            )
            for s in rotation["Shifts"]
        ]


def joined(letters):
    return ",".join(letters) or "[]"


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
    """test_vector_NN and test_preview_of_vector_NN, one per vector of the table, are added below."""

    def create_vector(self, t):
        """Creates the vector's rotations, then their overrides in the table's order; returns the ARNs."""
        arns = []
        for i, r in enumerate(t.rotations):
            arn = self.rotation(",".join(r["ContactIds"]), t.at(r["StartTime"]), r["TimeZoneId"], r["Recurrence"], f"r{i + 1}")
            for o in r["Overrides"]:
                self.c.create_rotation_override(
                    RotationId=arn, NewContactIds=self.arns(",".join(o["NewContactIds"])),
                    StartTime=t.at(o["StartTime"]), EndTime=t.at(o["EndTime"]),
                )
            arns.append(arn)
        return arns

    def check_vector(self, number):
        t = TableVector.for_api(number)
        arns = self.create_vector(t)
        for r, arn in zip(t.rotations, arns):
            if "Query" in r:
                self.assertEqual(self.shifts(arn, t.at(r["Query"]["StartTime"]), t.at(r["Query"]["EndTime"])), t.expected(r))
        if "OnCallAt" in t.data:
            # An on-call schedule holding the rotations in order: who is on call at an instant is the
            # union of the ContactIds of each rotation's shift over [at, at + 1 min).
            schedule = self.c.create_contact(Alias="sched", Type="ONCALL_SCHEDULE", Plan={"Stages": [], "RotationIds": arns})["ContactArn"]
            self.assertEqual(self.c.get_contact(ContactId=schedule)["Plan"]["RotationIds"], arns)
            for check in t.data["OnCallAt"]:
                at = t.at(check["At"])
                on_call = []
                for arn in arns:
                    for s in self.c.list_rotation_shifts(RotationId=arn, StartTime=at, EndTime=at + timedelta(minutes=1))["RotationShifts"]:
                        on_call += [x for x in self.letters(s["ContactIds"]).split(",") if x != "[]" and x not in on_call]
                self.assertEqual(on_call, check["ContactIds"], check["At"])

    def preview_of(self, t, r, **kwargs):
        """ListPreviewRotationShifts over the rotation's query: plain member strings, overrides in order."""
        return self.preview(
            Members=r["ContactIds"],
            RotationStartTime=t.at(r["StartTime"]),
            StartTime=t.at(r["Query"]["StartTime"]),
            EndTime=t.at(r["Query"]["EndTime"]),
            TimeZoneId=r["TimeZoneId"],
            Recurrence=r["Recurrence"],
            Overrides=[
                {"NewMembers": o["NewContactIds"], "StartTime": t.at(o["StartTime"]), "EndTime": t.at(o["EndTime"])}
                for o in r["Overrides"]
            ],
            **kwargs,
        )

    def check_preview(self, number):
        # Previews skip the now-relative override rules, so every vector keeps its 2024 dates.
        t = TableVector(number)
        for r in t.rotations:
            self.assertEqual(self.preview_of(t, r), t.expected(r))

    def test_vector_1_one_shift_a_page_through_the_paginator(self):
        t = TableVector.for_api(1)
        (r,) = t.rotations
        (arn,) = self.create_vector(t)
        self.assertEqual(
            self.shifts(arn, t.at(r["Query"]["StartTime"]), t.at(r["Query"]["EndTime"]), PaginationConfig={"PageSize": 1}),
            t.expected(r),
        )

    def test_vector_7_override_read_back_listed_and_deleted(self):
        t = TableVector.for_api(7)
        (r,) = t.rotations
        (o,) = r["Overrides"]
        rotation = self.rotation(",".join(r["ContactIds"]), t.at(r["StartTime"]), r["TimeZoneId"], r["Recurrence"])
        override = self.c.create_rotation_override(
            RotationId=rotation, NewContactIds=self.arns(",".join(o["NewContactIds"])),
            StartTime=t.at(o["StartTime"]), EndTime=t.at(o["EndTime"]),
        )["RotationOverrideId"]
        self.assertEqual(self.shifts(rotation, t.at(r["Query"]["StartTime"]), t.at(r["Query"]["EndTime"])), t.expected(r))
        listed = self.c.list_rotation_overrides(
            RotationId=rotation, StartTime=t.at(r["Query"]["StartTime"]), EndTime=t.at(r["Query"]["EndTime"])
        )["RotationOverrides"]
        self.assertEqual([x["RotationOverrideId"] for x in listed], [override])

        got = self.c.get_rotation_override(RotationId=rotation, RotationOverrideId=override)
        self.assertEqual(got["RotationArn"], rotation)
        self.assertEqual(got["NewContactIds"], self.arns(",".join(o["NewContactIds"])))
        self.assertEqual(got["StartTime"], t.at(o["StartTime"]))
        self.assertEqual(got["EndTime"], t.at(o["EndTime"]))

        # Deleted, the regular team is back: A from the rotation's start to the next hand-off.
        self.c.delete_rotation_override(RotationId=rotation, RotationOverrideId=override)
        start = t.at(r["StartTime"])
        self.assertEqual(
            self.shifts(rotation, start, start + timedelta(days=1)),
            [describe_parts("A", start, start + timedelta(days=1), "R")],
        )

    def test_preview_of_vector_9_one_shift_a_page(self):
        t = TableVector(9)
        (r,) = t.rotations
        self.assertEqual(self.preview_of(t, r, PaginationConfig={"PageSize": 1}), t.expected(r))


def add_vector_tests():
    for number, vector in VECTORS.items():
        def shifts(self, number=number):
            self.check_vector(number)

        def preview(self, number=number):
            self.check_preview(number)

        shifts.__doc__ = f"vector {number}: {vector['Description']}"
        preview.__doc__ = f"preview of vector {number}: {vector['Description']}"
        setattr(Vectors, f"test_vector_{number:02d}", shifts)
        if any("Query" in r for r in vector["Rotations"]):
            setattr(Vectors, f"test_preview_of_vector_{number:02d}", preview)


add_vector_tests()


class Rotations(RotationTestCase):
    def test_create_get_update_list_and_delete(self):
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
            StartTime=in_2024("01-01T09:00"),
            TimeZoneId="Europe/London",
            Recurrence=recurrence,
            Tags=[{"Key": "team", "Value": "sre"}],
            IdempotencyToken=str(uuid.uuid4()),
        )["RotationArn"]
        self.assertRegex(rotation, rf"^arn:aws:ssm-contacts:{REGION}:{self.account}:rotation/[0-9a-f-]{{36}}$")

        got = self.c.get_rotation(RotationId=rotation)
        self.assertEqual(got["Name"], "Primary on call")
        self.assertEqual(got["ContactIds"], self.arns("C,A"))
        self.assertEqual(got["StartTime"], in_2024("01-01T09:00"))
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
        given = self.rotation("A,B", in_2024("01-01T09:00"), "UTC", DAILY_0900, name="with start")

        self.assertNotIn("StartTime", self.c.get_rotation(RotationId=rotation))
        listed = {r["RotationArn"]: r for r in self.c.list_rotations()["Rotations"]}
        self.assertNotIn("StartTime", listed[rotation])
        self.assertEqual(self.c.get_rotation(RotationId=given)["StartTime"], in_2024("01-01T09:00"))
        self.assertEqual(listed[given]["StartTime"], in_2024("01-01T09:00"))

        # An update that leaves StartTime out keeps it unset; one that sends it sets it.
        self.c.update_rotation(RotationId=rotation, Recurrence=DAILY_0230)
        self.assertNotIn("StartTime", self.c.get_rotation(RotationId=rotation))
        self.c.update_rotation(RotationId=rotation, StartTime=in_2024("01-02T02:30"), Recurrence=DAILY_0230)
        self.assertEqual(self.c.get_rotation(RotationId=rotation)["StartTime"], in_2024("01-02T02:30"))

    def test_a_bad_recurrence_is_a_validation_error(self):
        with self.assertRaises(self.c.exceptions.ValidationException):
            self.c.create_rotation(
                Name="bad", ContactIds=self.arns("A"), TimeZoneId="UTC",
                Recurrence={"NumberOfOnCalls": 2, "RecurrenceMultiplier": 1, "DailySettings": [{"HourOfDay": 9, "MinuteOfHour": 0}]},
            )

    def test_a_member_is_a_dependent_of_its_rotation(self):
        rotation = self.rotation("A,B", in_2024("01-01T09:00"), "UTC", DAILY_0900)
        with self.assertRaises(self.c.exceptions.ConflictException) as caught:
            self.c.delete_contact(ContactId=self.arn("a"))
        self.assertEqual(
            caught.exception.response["DependentEntities"],
            [{"RelationType": "RotationMembership", "DependentResourceIds": [rotation]}],
        )

    def test_an_oncall_schedule_holds_rotations(self):
        r1 = self.rotation("A,B,C", in_2024("01-01T09:00"), "UTC", DAILY_0900, "r1")
        r2 = self.rotation("D", in_2024("01-01T09:00"), "UTC", DAILY_0900, "r2")
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
