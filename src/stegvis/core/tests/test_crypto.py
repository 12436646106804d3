from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase, override_settings

from stegvis.core import crypto

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


@override_settings(STEGVIS_FIELD_KEY=KEY_A)
class EncryptionTests(SimpleTestCase):
    def test_round_trip(self):
        self.assertEqual(crypto.decrypt(crypto.encrypt("19121212-1212")), "19121212-1212")

    def test_ciphertext_hides_the_value_and_differs_each_time(self):
        first, second = crypto.encrypt("19121212-1212"), crypto.encrypt("19121212-1212")
        self.assertNotEqual(first, second)
        self.assertNotIn("1212", first)

    def test_a_value_from_another_key_cannot_be_read(self):
        token = crypto.encrypt("19121212-1212")
        with override_settings(STEGVIS_FIELD_KEY=KEY_B), self.assertRaises(crypto.DecryptionError):
            crypto.decrypt(token)

    def test_rotation_keeps_old_values_readable_and_rewrites_them_under_the_new_key(self):
        old_token = crypto.encrypt("19121212-1212")
        with override_settings(STEGVIS_FIELD_KEY=f"{KEY_B},{KEY_A}"):
            self.assertEqual(crypto.decrypt(old_token), "19121212-1212")
            new_token = crypto.rotate(old_token)
        with override_settings(STEGVIS_FIELD_KEY=KEY_B):
            self.assertEqual(crypto.decrypt(new_token), "19121212-1212")

    def test_malformed_key_is_a_configuration_error(self):
        with (
            override_settings(STEGVIS_FIELD_KEY="not-a-key"),
            self.assertRaises(ImproperlyConfigured),
        ):
            crypto.encrypt("x")

    def test_empty_key_is_a_configuration_error(self):
        with override_settings(STEGVIS_FIELD_KEY=" , "), self.assertRaises(ImproperlyConfigured):
            crypto.encrypt("x")


@override_settings(STEGVIS_FIELD_KEY=KEY_A)
class BlindIndexTests(SimpleTestCase):
    def test_same_value_gives_same_index(self):
        self.assertEqual(
            crypto.blind_index("191212121212", purpose="pnr"),
            crypto.blind_index("191212121212", purpose="pnr"),
        )

    def test_different_values_and_purposes_give_different_indexes(self):
        index = crypto.blind_index("191212121212", purpose="pnr")
        self.assertNotEqual(index, crypto.blind_index("191212121213", purpose="pnr"))
        self.assertNotEqual(index, crypto.blind_index("191212121212", purpose="org"))
        self.assertNotIn("1212", index)

    def test_index_survives_key_rotation(self):
        index = crypto.blind_index("191212121212", purpose="pnr")
        with override_settings(STEGVIS_FIELD_KEY=f"{KEY_B},{KEY_A}"):
            self.assertEqual(crypto.blind_index("191212121212", purpose="pnr"), index)

    def test_index_depends_on_the_key(self):
        index = crypto.blind_index("191212121212", purpose="pnr")
        with override_settings(STEGVIS_FIELD_KEY=KEY_B):
            self.assertNotEqual(crypto.blind_index("191212121212", purpose="pnr"), index)


@override_settings(STEGVIS_FIELD_KEY=KEY_A)
class EncryptedTextFieldTests(SimpleTestCase):
    def test_value_is_encrypted_on_the_way_in_and_decrypted_on_the_way_out(self):
        field = crypto.EncryptedTextField()
        stored = field.get_prep_value("19121212-1212")
        self.assertNotIn("1212", stored)
        self.assertEqual(field.from_db_value(stored, None, None), "19121212-1212")

    def test_empty_and_null_pass_through(self):
        field = crypto.EncryptedTextField()
        for value in ("", None):
            self.assertEqual(field.get_prep_value(value), value)
            self.assertEqual(field.from_db_value(value, None, None), value)
