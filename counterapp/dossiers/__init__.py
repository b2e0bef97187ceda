"""Dossier intake: the headless core the intake window, forms, sync and digitizing build on.

- models.py     Dossier, DossierDocument, DossierFee, StatusChange, PrintRecord,
                IntakeDraft, NumberBlock, DailySequence (Alembic branch "dossiers")
- status.py     DossierStatus (national TrangThaiHoSo 1..10) with label_vi / label_en
- cccd.py       parse_cccd, find_cccd_payload, decode_cccd_image (citizen ID card QR)
- admin_units   provinces() / communes(code) in force since 1 July 2025
- numbering.py  dossier codes from number blocks; provisional codes; confirm_code
- intake.py     IntakeRequest, validate_intake, create_dossier (refuses an incomplete
                dossier: IncompleteDossier), refusal, completion request, return,
                status changes, print log, drafts
- conditions.py which catalog documents apply only in some cases (conditional documents)
- completion.py the register of requests to complete (form 02) for dossiers not
                received, and receiving a dossier from it
- queries.py    get_by_code, list_dossiers (fast at 1,000,000 rows), dossier_to_dict
"""
