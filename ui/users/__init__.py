"""The users screen: an admin manages the counter's users in the window.

- entry.py: the menu entry (Tệp → Người dùng…), shown to everyone; opening it asks the core
  whether the person signed in may manage users, and a refusal says who may.
- screen.py: the list (role, full name, title, phone, disabled) and its actions.
- user_form.py: add a user, or change one's full name, title, phone and role.
- password_form.py: a new password, typed twice.

Every rule (only an admin, the first user an admin, the last admin kept, unique full names)
is the core's (counterapp/users/accounts.py); these widgets only call it with the person
signed in at the moment of the action (ui/session.py) and show its refusals.
"""
