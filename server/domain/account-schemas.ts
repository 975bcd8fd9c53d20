import { z } from "zod";
import { DELETED_SHOWN_AS } from "../../db/schema.js";
import { PASSWORD_MAX_LENGTH } from "../../common/limits.js";
import { EmailSchema, PasswordSchema, SignUpSchema } from "./schemas.js";

/** What a link carries: the row's id and its secret, in base32; anything else is a dead link, not a 500. */
const TokenSchema = z.string().max(100);

/** Sign-up on the page: the account's fields and the consent to the privacy notice. */
export const SignUpWithConsentSchema = SignUpSchema.extend({
  consent: z.literal("yes", { error: "Tick the box to accept the privacy notice; without it we cannot keep an account for you." }),
});

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

export const ResetPasswordSchema = z.object({ token: TokenSchema, newPassword: PasswordSchema });

const CurrentPassword = z
  .string({ error: "Enter your current password." })
  .min(1, "Enter your current password.")
  .max(PASSWORD_MAX_LENGTH, "That is not your current password.");

export const ChangeEmailSchema = z.object({ newEmail: EmailSchema, emailPassword: CurrentPassword });

export const DeleteAccountSchema = z.object({
  deletePassword: CurrentPassword,
  shownAs: z.enum(DELETED_SHOWN_AS, { error: "Choose how your submissions are shown after you leave." }),
  confirmDelete: z.literal("yes", { error: "Tick the box to confirm that you want to delete your account." }),
});

/** The confirmation page: the account's password proves that whoever opened the link also made the account. */
export const ConfirmEmailSchema = z.object({
  token: TokenSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH, "That is not this account's password."),
});
