import { route } from "@/lib/http";
import { deletePasskey } from "@/lib/passkeys/delete-passkey";
import { renamePasskey } from "@/lib/passkeys/rename-passkey";
import { PasskeyIdParams, RenamePasskeyBody } from "@/lib/passkeys/schemas";

export const PATCH = route({ operation: "PATCH /api/auth/passkeys/{id}", params: PasskeyIdParams, body: RenamePasskeyBody }, ({ ctx, user, params, body }) =>
  renamePasskey(ctx, user, { passkeyId: params.id, name: body.name }),
);

export const DELETE = route({ operation: "DELETE /api/auth/passkeys/{id}", params: PasskeyIdParams }, ({ ctx, user, params }) => deletePasskey(ctx, user, { passkeyId: params.id }));
