import declaration from '../../src/lib/experiments/vae-plain-500';
import { defineRun } from '../experiment';
import { vaeRun } from './vae-common';

export default defineRun(declaration, vaeRun(declaration.id));
