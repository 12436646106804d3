from stegvis.youth.tests.base import YouthTestCase


class PagesTest(YouthTestCase):
    def test_pages_render(self) -> None:
        self.login(self.coach)
        self.assertEqual(
            self.client.get(f"/youth/participants/{self.young.public_id}/").status_code, 200
        )
        self.assertEqual(self.client.get(f"/participants/{self.young.public_id}/").status_code, 200)
        self.login(self.manager)
        self.assertEqual(
            self.client.get(f"/youth/projects/{self.project.public_id}/report/").status_code, 200
        )
        self.assertEqual(
            self.client.get(f"/youth/projects/{self.project.public_id}/attendance/").status_code,
            200,
        )
        self.assertEqual(self.client.get(self.project.get_absolute_url()).status_code, 200)
