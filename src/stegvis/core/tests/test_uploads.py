"""Uploads: the kind by name and content, the size, and the cap on a whole request."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, TestCase, override_settings

from stegvis.core.uploads import check_upload


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


class CheckUploadTests(SimpleTestCase):
    def test_a_csv_and_a_workbook_of_the_right_kind_pass(self):
        check_upload(
            upload("närvaro.csv", "\ufeffdeltagare;månad\n0007;2026-09\n".encode()),
            kinds=("csv",),
            max_bytes=1000,
        )
        check_upload(upload("Fil.XLSX", b"PK\x03\x04rest"), kinds=("csv", "xlsx"), max_bytes=1000)
        # A character cut at the end of the sample is still UTF-8.
        check_upload(upload("a.csv", b"a" * 8191 + "å".encode()), kinds=("csv",), max_bytes=10**6)

    def test_the_wrong_kind_is_refused_by_name_or_content(self):
        for name, data in (
            ("program.exe", b"MZ\x90\x00"),
            ("fake.csv", b"MZ\x90\x00binary"),
            ("latin1.csv", "Åsa;Örebro".encode("latin-1")),
            ("old.xlsx", b"\xd0\xcf\x11\xe0"),
            ("data.xlsx", b"a;b\n1;2\n"),
        ):
            with self.subTest(name=name), self.assertRaisesMessage(ValidationError, name):
                check_upload(upload(name, data), kinds=("csv", "xlsx"), max_bytes=1000)

    def test_a_file_over_the_size_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "1 MB"):
            check_upload(upload("big.csv", b"a" * 1_000_001), kinds=("csv",), max_bytes=1_000_000)

    def test_the_file_is_left_at_its_start(self):
        file = upload("a.csv", b"x;y\n")
        check_upload(file, kinds=("csv",), max_bytes=100)
        self.assertEqual(file.read(), b"x;y\n")


class RequestSizeTests(TestCase):
    @override_settings(STEGVIS_MAX_REQUEST_MB=1)
    def test_an_oversized_request_is_refused_before_it_is_read(self):
        response = self.client.post(
            "/accounts/login/", data=b"x", content_type="text/plain", CONTENT_LENGTH="1000001"
        )
        self.assertEqual(response.status_code, 413)
        self.assertIn("1 MB", response.content.decode())

    def test_a_normal_request_passes(self):
        self.assertEqual(self.client.get("/healthz").status_code, 200)
