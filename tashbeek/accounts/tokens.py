"""Signed, expiring tokens for e-mail verification (the same machinery as password reset)."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "tashbeek.accounts.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        # Verifying changes email_verified_at, so a used link stops working.
        return f"{user.pk}{user.email}{user.email_verified_at}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()
