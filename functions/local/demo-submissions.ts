import type { UserProfile } from '#core/model';
import type { context as contextFn } from '#lib/context';

type Ctx = ReturnType<typeof contextFn>;

/** Demo applications and plans in different states. */
export async function seedSubmissions(_ctx: Ctx, _users: UserProfile[]): Promise<void> {}
