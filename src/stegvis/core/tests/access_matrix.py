"""The declared access matrix: what every route answers to every user, checked by
test_access_matrix.py. Review a change here as carefully as a change to the access code.

Each line is one request: the method, and whether the URL names the object *inside* the reach of
`project`'s staff or *outside* it (access_matrix_fixture.py says which objects those are). The
answers are in the order of access_matrix_fixture.USERS:

    anonymous admin manager coach coach2 referral evaluator funder outsider no_role

L is a redirect to the sign-in page; 302 any other redirect (the action was done); 200 the page;
400 a form with errors (the check let the user through, the empty form was refused); 403 a page
the user's role does not give (PermissionDenied); 404 an object outside the user's reach, exactly
like one that does not exist; 405 the wrong method. POSTs carry an empty form unless
access_matrix_fixture.FORM names fields, so a 200 or 400 there means "allowed in".

coach2 works in `project` but `mine` is not on coach2's caseload: a 404 for coach2 on a
participant's page is the caseload rule at work.
"""

MATRIX: dict[str, dict[str, str]] = {
    "home": {
        "GET in": "L 200 200 200 200 200 200 200 200 200",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
    },
    "healthz": {
        "GET in": "200 200 200 200 200 200 200 200 200 200",
        "POST in": "405 405 405 405 405 405 405 405 405 405",
    },
    "set_language": {
        "GET in": "302 302 302 302 302 302 302 302 302 302",
        "POST in": "302 302 302 302 302 302 302 302 302 302",
    },
    "accounts:login": {
        "GET in": "200 302 302 302 302 302 302 302 302 302",
        "POST in": "200 302 302 302 302 302 302 302 302 302",
    },
    "accounts:logout": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L L L L L L L L L L",
    },
    "accounts:password_reset": {
        "GET in": "200 200 200 200 200 200 200 200 200 200",
        "POST in": "200 200 200 200 200 200 200 200 200 200",
    },
    "accounts:password_reset_done": {
        "GET in": "200 200 200 200 200 200 200 200 200 200",
        "POST in": "405 405 405 405 405 405 405 405 405 405",
    },
    "accounts:password_reset_confirm": {
        "GET in": "200 200 200 200 200 200 200 200 200 200",
        "POST in": "200 200 200 200 200 200 200 200 200 200",
    },
    "accounts:password_reset_complete": {
        "GET in": "200 200 200 200 200 200 200 200 200 200",
        "POST in": "405 405 405 405 405 405 405 405 405 405",
    },
    "accounts:password_change": {
        "GET in": "L 200 200 200 200 200 200 200 200 200",
        "POST in": "L 200 200 200 200 200 200 200 200 200",
    },
    "accounts:profile": {
        "GET in": "L 200 200 200 200 200 200 200 200 200",
        "POST in": "L 200 200 200 200 200 200 200 200 200",
    },
    "accounts:organisation_list": {
        "GET in": "L 200 403 403 403 403 403 403 403 403",
        "POST in": "L 200 403 403 403 403 403 403 403 403",
    },
    "accounts:organisation_create": {
        "GET in": "L 200 403 403 403 403 403 403 403 403",
        "POST in": "L 200 403 403 403 403 403 403 403 403",
    },
    "accounts:organisation_detail": {
        "GET in": "L 200 404 404 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 404 404",
        "POST in": "L 200 404 404 404 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 404 404",
    },
    "accounts:organisation_edit": {
        "GET in": "L 200 404 404 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 404 404",
        "POST in": "L 200 404 404 404 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 404 404",
    },
    "accounts:user_list": {
        "GET in": "L 200 403 403 403 403 403 403 403 403",
        "POST in": "L 200 403 403 403 403 403 403 403 403",
    },
    "accounts:user_create": {
        "GET in": "L 200 403 403 403 403 403 403 403 403",
        "POST in": "L 200 403 403 403 403 403 403 403 403",
    },
    "accounts:user_detail": {
        "GET in": "L 200 404 404 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 404 404",
        "POST in": "L 200 404 404 404 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 404 404",
    },
    "accounts:user_edit": {
        "GET in": "L 200 404 404 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 404 404",
        "POST in": "L 200 404 404 404 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 404 404",
    },
    "accounts:membership_add": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "GET out": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 400 404 404 404 404 404 404 404 404",
        "POST out": "L 400 404 404 404 404 404 404 404 404",
    },
    "accounts:membership_remove": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "GET out": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 302 404 404 404 404 404 404 404 404",
        "POST out": "L 302 404 404 404 404 404 404 404 404",
    },
    "projects:list": {
        "GET in": "L 200 200 200 200 200 200 200 200 403",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
    },
    "projects:create": {
        "GET in": "L 200 200 403 403 403 403 403 200 403",
        "POST in": "L 200 200 403 403 403 403 403 200 403",
    },
    "projects:detail": {
        "GET in": "L 200 200 200 200 200 200 200 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "projects:edit": {
        "GET in": "L 200 200 403 403 403 403 403 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 403 403 403 403 403 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "projects:team": {
        "GET in": "L 200 200 403 403 403 403 403 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 403 403 403 403 403 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "projects:partner_remove": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "GET out": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 302 302 403 403 403 403 403 404 404",
        "POST out": "L 302 404 404 404 404 404 404 302 404",
    },
    "projects:staff_remove": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "GET out": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 302 302 403 403 403 403 403 404 404",
        "POST out": "L 302 404 404 404 404 404 404 302 404",
    },
    "participants:caseload": {
        "GET in": "L 200 200 200 200 403 403 403 200 403",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
    },
    "participants:enroll": {
        "GET in": "L 404 404 404 404 403 403 403 404 403",
        "GET out": "L 404 404 404 404 403 403 403 404 403",
        "POST in": "L 404 404 404 404 403 403 403 404 403",
        "POST out": "L 404 404 404 404 403 403 403 404 403",
    },
    "participants:duplicates": {
        "GET in": "L 200 200 403 403 403 403 403 200 403",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
    },
    "participants:merge": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "GET out": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 302 302 403 403 403 403 403 404 403",
        "POST out": "L 302 404 403 403 403 403 403 404 403",
    },
    "participants:project_overview": {
        "GET in": "L 200 200 404 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "participants:detail": {
        "GET in": "L 200 200 200 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "participants:edit": {
        "GET in": "L 200 200 200 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 200 404 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "participants:person_edit": {
        "GET in": "L 200 200 200 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 200 404 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "participants:reveal": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "GET out": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 200 200 200 404 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "participants:change_coach": {
        "GET in": "L 200 200 200 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 200 404 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "participants:exit": {
        "GET in": "L 200 200 200 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 200 404 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "participants:timeline_add": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "GET out": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 400 400 400 404 404 404 404 404 404",
        "POST out": "L 400 404 404 404 404 404 404 400 404",
    },
    "participants:timeline_action": {
        "GET in": "L 200 200 200 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 200 404 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "participants:referral_list": {
        "GET in": "L 200 200 200 200 200 403 403 200 403",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
    },
    "participants:referral_create": {
        "GET in": "L 200 200 200 200 200 403 403 200 403",
        "POST in": "L 200 200 200 200 200 403 403 200 403",
    },
    "participants:referral_detail": {
        "GET in": "L 200 200 404 404 200 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "participants:referral_decide": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "GET out": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 400 400 404 404 400 404 404 404 404",
        "POST out": "L 400 404 404 404 404 404 404 400 404",
    },
    "participants:referral_group_list": {
        "GET in": "L 200 200 403 403 200 403 403 200 403",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
    },
    "participants:referral_group_create": {
        "GET in": "L 200 200 403 403 403 403 403 200 403",
        "POST in": "L 200 200 403 403 403 403 403 200 403",
    },
    "participants:referral_group_detail": {
        "GET in": "L 200 200 404 404 200 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "participants:referral_group_member_add": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "GET out": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 400 400 404 404 403 404 404 404 404",
        "POST out": "L 400 404 404 404 404 404 404 400 404",
    },
    "participants:referral_group_member_remove": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "GET out": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 302 302 404 404 403 404 404 404 404",
        "POST out": "L 302 404 404 404 404 404 404 302 404",
    },
    "assessments:participant": {
        "GET in": "L 200 200 200 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "assessments:rate": {
        "GET in": "L 200 200 200 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 200 404 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "assessments:link_create": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "GET out": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 400 400 400 404 404 404 404 404 404",
        "POST out": "L 400 404 404 404 404 404 404 400 404",
    },
    "assessments:link_revoke": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "GET out": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 302 302 302 404 404 404 404 404 404",
        "POST out": "L 302 404 404 404 404 404 404 302 404",
    },
    "assessments:project_settings": {
        "GET in": "L 200 200 404 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 404 404 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "assessments:project_progression": {
        "GET in": "L 200 200 200 200 404 200 200 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "assessments:instrument_list": {
        "GET in": "L 200 403 403 403 403 403 403 403 403",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
    },
    "assessments:instrument_create": {
        "GET in": "L 200 403 403 403 403 403 403 403 403",
        "POST in": "L 200 403 403 403 403 403 403 403 403",
    },
    "assessments:instrument_detail": {
        "GET in": "L 200 404 404 404 404 404 404 404 404",
        "GET out": "L 404 404 404 404 404 404 404 404 404",
        "POST in": "L 200 404 404 404 404 404 404 404 404",
        "POST out": "L 404 404 404 404 404 404 404 404 404",
    },
    "assessments:instrument_version": {
        "GET in": "L 200 404 404 404 404 404 404 404 404",
        "GET out": "L 404 404 404 404 404 404 404 404 404",
        "POST in": "L 200 404 404 404 404 404 404 404 404",
        "POST out": "L 404 404 404 404 404 404 404 404 404",
    },
    "employers:list": {
        "GET in": "L 200 200 200 200 403 403 403 200 403",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
    },
    "employers:create": {
        "GET in": "L 200 200 200 200 403 403 403 200 403",
        "POST in": "L 200 200 200 200 403 403 403 200 403",
    },
    "employers:contact_stats": {
        "GET in": "L 200 200 200 200 403 403 403 200 403",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
    },
    "employers:opening_list": {
        "GET in": "L 200 200 200 200 403 403 403 200 403",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
    },
    "employers:opening_detail": {
        "GET in": "L 200 200 200 200 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "employers:opening_edit": {
        "GET in": "L 200 200 200 200 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 200 200 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "employers:hire": {
        "GET in": "L 200 200 200 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 200 404 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "employers:profile": {
        "GET in": "L 200 200 200 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "employers:profile_edit": {
        "GET in": "L 200 200 200 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 200 404 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "employers:matches": {
        "GET in": "L 200 200 200 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "employers:job": {
        "GET in": "L 200 200 200 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "employers:job_support_add": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "GET out": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 400 400 400 404 404 404 404 404 404",
        "POST out": "L 400 404 404 404 404 404 404 400 404",
    },
    "employers:job_end": {
        "GET in": "L 200 200 200 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 200 404 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "employers:detail": {
        "GET in": "L 200 200 200 200 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "employers:edit": {
        "GET in": "L 200 200 200 200 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 200 200 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "employers:opening_create": {
        "GET in": "L 200 200 200 200 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 200 200 404 404 404 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "employers:add": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "GET out": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 400 400 400 400 404 404 404 404 404",
        "POST out": "L 400 404 404 404 404 404 404 400 404",
    },
    "selfassessment:start": {
        "GET in": "404 404 404 404 404 404 404 404 404 404",
        "POST in": "405 405 405 405 405 405 405 405 405 405",
    },
    "selfassessment:question": {
        "GET in": "404 404 404 404 404 404 404 404 404 404",
        "POST in": "404 404 404 404 404 404 404 404 404 404",
    },
    "selfassessment:summary": {
        "GET in": "404 404 404 404 404 404 404 404 404 404",
        "POST in": "405 405 405 405 405 405 405 405 405 405",
    },
    "selfassessment:submit": {
        "GET in": "405 405 405 405 405 405 405 405 405 405",
        "POST in": "404 404 404 404 404 404 404 404 404 404",
    },
    "selfassessment:open": {
        "GET in": "302 302 302 302 302 302 302 302 302 302",
        "GET out": "404 404 404 404 404 404 404 404 404 404",
        "POST in": "405 405 405 405 405 405 405 405 405 405",
        "POST out": "405 405 405 405 405 405 405 405 405 405",
    },
    "exchange:import": {
        "GET in": "L 200 200 403 403 403 403 403 200 403",
        "GET out": "L 200 200 403 403 403 403 403 200 403",
        "POST in": "L 200 200 403 403 403 403 403 404 403",
        "POST out": "L 200 404 403 403 403 403 403 200 403",
    },
    "exchange:import_confirm": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 302 302 302 302 403 403 403 302 403",
    },
    "exchange:import_cancel": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 302 302 302 302 403 403 403 302 403",
    },
    "exchange:import_job": {
        "GET in": "L 200 200 404 404 404 404 404 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "reports:project_esf": {
        "GET in": "L 200 200 200 200 404 200 200 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "reports:project_esf_download": {
        "GET in": "L 200 200 200 200 404 200 200 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "reports:project_esf_pdf": {
        "GET in": "L 200 200 200 200 404 200 200 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "reports:project_outcomes": {
        "GET in": "L 200 200 200 200 404 200 200 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "reports:project_outcomes_download": {
        "GET in": "L 200 200 200 200 404 200 200 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "reports:methods": {
        "GET in": "L 200 200 200 200 404 200 200 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "fidelity:project": {
        "GET in": "L 200 200 200 200 404 200 200 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "fidelity:comparison": {
        "GET in": "L 200 200 200 200 404 200 200 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "fidelity:comparison_download": {
        "GET in": "L 200 200 200 200 404 200 200 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "fidelity:indicators": {
        "GET in": "L 200 200 200 200 404 200 200 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "fidelity:indicators_download": {
        "GET in": "L 200 200 200 200 404 200 200 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
        "POST out": "L 405 405 405 405 405 405 405 405 405",
    },
    "fidelity:review_new": {
        "GET in": "L 200 200 403 403 403 200 403 404 403",
        "GET out": "L 200 404 403 403 403 404 403 200 403",
        "POST in": "L 200 200 403 403 403 200 403 404 403",
        "POST out": "L 200 404 403 403 403 404 403 200 403",
    },
    "fidelity:review_detail": {
        "GET in": "L 200 200 200 200 404 200 200 404 404",
        "GET out": "L 200 404 404 404 404 404 404 200 404",
        "POST in": "L 200 200 403 403 404 200 403 404 404",
        "POST out": "L 200 404 404 404 404 404 404 200 404",
    },
    "fidelity:review_correct": {
        "GET in": "L 200 200 403 403 403 200 403 404 403",
        "GET out": "L 200 404 403 403 403 404 403 200 403",
        "POST in": "L 200 200 403 403 403 200 403 404 403",
        "POST out": "L 200 404 403 403 403 404 403 200 403",
    },
    "fidelity:review_delete": {
        "GET in": "L 405 405 405 405 405 405 405 405 405",
        "GET out": "L 405 405 405 405 405 405 405 405 405",
        "POST in": "L 302 302 403 403 403 302 403 404 403",
        "POST out": "L 302 404 403 403 403 404 403 302 403",
    },
    "core:audit_list": {
        "GET in": "L 200 403 403 403 403 403 403 403 403",
        "POST in": "L 405 405 405 405 405 405 405 405 405",
    },
}

# Pages that show one participant (by GET unless another method is named): each must write an
# audit read record with the person's key for every user it shows the person to
# (test_every_page_showing_a_participant_records_the_read).
PERSON_PAGES: dict[str, str] = {
    "participants:detail": "GET",
    "participants:edit": "GET",
    "participants:person_edit": "GET",
    "participants:reveal": "POST",
    "participants:change_coach": "GET",
    "participants:exit": "GET",
    "participants:timeline_action": "GET",
    "participants:referral_detail": "GET",
    "assessments:participant": "GET",
    "assessments:rate": "GET",
    "employers:profile": "GET",
    "employers:profile_edit": "GET",
    "employers:matches": "GET",
    "employers:hire": "GET",
    "employers:job": "GET",
    "employers:job_end": "GET",
}

# Routes whose URL names a person but that only act (POST, then a redirect or the form's errors):
# the action's own audit event names the person.
PERSON_ACTIONS: tuple[str, ...] = (
    "participants:timeline_add",
    "participants:referral_decide",
    "assessments:link_create",
    "assessments:link_revoke",
    "employers:job_support_add",
)
