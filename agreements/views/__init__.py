"""The professionals' plan pages: the plan and its versions (plan.py), a draft's goals,
agreements and proposals (items.py), meeting requests (meetings.py) and the print view
(printing.py). The family's side of the plan is the portal app."""
