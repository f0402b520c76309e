import { auth } from './auth';
import { business } from './business';
import { results } from './results';
import { rooms } from './rooms';
import { staff } from './staff';
import { sync } from './sync';
import { twoFactor } from './two-factor';
import { venues } from './venues';

/** Every Astro Action, one file per noun. */
export const server = { auth, business, results, rooms, staff, sync, twoFactor, venues };
