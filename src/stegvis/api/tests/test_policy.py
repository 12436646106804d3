"""Every endpoint with every role's token: the access policy's answer (docs/access-policy.md).

200/201 where the role may, 403 where the role lacks the capability of a list (as the list pages),
404 for an object out of reach (missing and forbidden alike).
"""

from __future__ import annotations

from stegvis.api.api import api
from stegvis.api.tests.base import ApiTestCase

ALL = ApiTestCase.ROLES


def answers(ok: tuple[str, ...], *, ok_status: int = 200, otherwise: int = 404) -> dict[str, int]:
    return {role: ok_status if role in ok else otherwise for role in ALL}


STAFF_OF_PROJECT = ("admin", "manager", "coach", "coach2", "referral", "evaluator", "funder")
SEE_MINE = ("admin", "manager", "coach")  # coach's participant: its coach, its managers
PARTICIPANT_VIEW = ("admin", "manager", "coach", "coach2", "outsider")
REPORTERS = ("admin", "manager", "coach", "coach2", "evaluator", "funder")


class PolicyWalkTests(ApiTestCase):
    def cases(self) -> list[tuple[str, str, str, dict, dict[str, int]]]:
        p, mine = self.project.public_id, self.mine.public_id
        contact = {"kind": "PHONE", "date": "2025-06-01", "minutes": 10}
        return [
            ("get", "projects/", "", {}, answers((*STAFF_OF_PROJECT, "outsider"), otherwise=403)),
            ("get", f"projects/{p}", "", {}, answers(STAFF_OF_PROJECT)),
            ("get", f"projects/{p}/export", "", {}, answers(("admin", "manager"))),
            ("get", f"projects/{p}/export?pseudonymise=eval-2026", "", {},
             answers(("admin", "manager", "evaluator"))),
            ("get", "participants/", "", {}, answers(PARTICIPANT_VIEW, otherwise=403)),
            ("get", f"participants/{mine}", "", {}, answers(SEE_MINE)),
            ("get", f"participants/{mine}/contacts", "", {}, answers(SEE_MINE)),
            ("post", f"participants/{mine}/contacts", "application/json", contact,
             answers(SEE_MINE, ok_status=201)),
            ("post", f"participants/{mine}/interventions", "application/json",
             {"kind": "WORK_PRACTICE", "start_date": "2025-06-01"}, answers(SEE_MINE, ok_status=201)),
            ("post", f"participants/{mine}/steps", "application/json",
             {"step": "SE_PROFILE", "date": "2025-06-01"}, answers(SEE_MINE, ok_status=201)),
            ("get", f"participants/{mine}/activities", "", {}, answers(SEE_MINE)),
            ("get", f"participants/{mine}/assessments", "", {}, answers(SEE_MINE)),
            ("get", f"participants/{mine}/jobs", "", {}, answers(SEE_MINE)),
            ("get", "referrals/", "", {},
             answers(("admin", "manager", "coach", "coach2", "referral", "outsider"), otherwise=403)),
            ("get", f"referrals/{self.referral_obj.public_id}", "", {},
             answers(("admin", "manager", "referral"))),
            ("get", "employers/", "", {}, answers(PARTICIPANT_VIEW, otherwise=403)),
            ("get", f"employers/{self.employer.public_id}", "", {},
             answers(("admin", "manager", "coach", "coach2"))),
            ("get", "openings/", "", {}, answers(PARTICIPANT_VIEW, otherwise=403)),
            ("get", f"openings/{self.opening.public_id}", "", {},
             answers(("admin", "manager", "coach", "coach2"))),
            ("get", f"reports/projects/{p}/esf", "", {}, answers(REPORTERS)),
            ("get", f"reports/projects/{p}/outcomes", "", {}, answers(REPORTERS)),
            ("get", "reports/methods", "", {}, answers((*REPORTERS, "outsider"))),
        ]  # fmt: skip

    def test_every_endpoint_with_every_roles_token(self):
        for method, path, content_type, data, expected in self.cases():
            for role in ALL:
                with self.subTest(method=method, path=path, role=role):
                    if method == "post":
                        response = self.api(role, path, "post", data=data,
                                            content_type=content_type)  # fmt: skip
                    else:
                        response = self.api(role, path)
                    self.assertEqual(response.status_code, expected[role], response.content[:300])
                    if response.status_code >= 400:
                        self.assertIn("error", response.json())

    def test_the_walk_covers_every_operation_of_the_api(self):
        walked = {(m, "/api/v1/" + path.split("?")[0]) for m, path, *_rest in self.cases()}
        schema = api.get_openapi_schema()
        p, mine = str(self.project.public_id), str(self.mine.public_id)
        ids = {"{project_id}": p, "{participant_id}": mine,
               "{referral_id}": str(self.referral_obj.public_id),
               "{employer_id}": str(self.employer.public_id),
               "{opening_id}": str(self.opening.public_id)}  # fmt: skip
        for path, operations in schema["paths"].items():
            for key, value in ids.items():
                path = path.replace(key, value)
            for method in operations:
                with self.subTest(method=method, path=path):
                    self.assertIn((method, path), walked)
