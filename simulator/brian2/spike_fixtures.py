#!/usr/bin/python3
"""Runs small deterministic networks in Brian2 and writes their spikes and potentials as fixtures.

Each network is described once, here, as plain data: populations (Engram's model names and
parameter names), spike-time inputs, per-neuron constant currents, explicit synapses with delays in
steps, and the neurons whose potential is sampled. The script builds it in Brian2 so that Brian2's
time step does what Engram's grid mode does (see README.md beside this file), runs it, and writes
into the test resources of ``Brian2AgreementTest``:

  <network>/network.txt   the description, which the test builds with Engram's library API, one item
                          a line (words separated by spaces, `#` starting a comment line):
        dt_ms DT, duration_ms T          the step and the run's length (ms)
        population NAME MODEL SIZE K=V   Engram's model name, its parameters by Engram's names
        times NAME NEURON T...           the spike times (ms) of one neuron of a spike_times source
        currents NAME I...               a constant current per neuron (pA; for izhikevich its own unit)
        synapses SOURCE TARGET           then one synapse a line: source neuron, target neuron,
                                         weight (mV for lif_delta, nS for conductances, else
                                         pA), delay in steps
        short_term SOURCE TARGET U TAU_REC TAU_FAC   Tsodyks-Markram dynamics of those synapses
        record_every STEPS, record NAME NEURON       the sampling interval and the neurons sampled
        variables VAR...                 the variables sampled besides v (adex's w)
        reference_substeps N             Brian2 ran a reference at N substeps a step, which Engram's
                                         scheme does not follow step for step (substep_fixtures.py)
  <network>/spikes.csv    population,neuron,step: every spike, step s being Engram's step that
                          ends at (s + 1) dt (Brian2 labels it with its start, s dt); a reference's
                          also time_ms, the end of the substep that crossed
  <network>/v.csv         population,neuron,step,v_mV: the potential after step `step`
  <network>/VAR.csv       population,neuron,step,VAR_UNIT: each other variable sampled, likewise

Run it with Debian's Brian2 (the interpreter that has it is /usr/bin/python3):

  /usr/bin/python3 simulator/brian2/spike_fixtures.py [OUTPUT_DIR] [--target cpp_standalone]
"""
import argparse
import math
import os
import tempfile

import numpy as np
from brian2 import (NeuronGroup, Network, SpikeGeneratorGroup, SpikeMonitor, StateMonitor, Synapses,
                    __version__ as brian2_version, defaultclock, device, set_device, ms, mV, nS, pA, prefs,
                    start_scope)

DT_MS = 0.1
# Models whose Brian2 groups are written in Engram's units as plain numbers (mV, ms, pA, nS), each on a
# clock of Engram's substeps.
PLAIN_NUMBER_MODELS = ('izhikevich', 'adex', 'adex_cond', 'hh_alpha')
# The unit of each variable the fixtures can sample, as Engram's state gives it.
UNITS = {'v': 'mV', 'w': 'pA'}
# Engram's Izhikevich kernel takes Euler substeps of at most this length (Izhikevich.MAX_SUBSTEP_MS).
IZHIKEVICH_SUBSTEP_MS = 0.005
DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'test', 'resources',
                           'org', 'engram', 'simulator', 'engine', 'brian2')


def as_float32(x):
    """Engram stores synaptic weights as float: use only weights a float holds exactly."""
    return float(np.float32(x))


def grid_step(t_ms):
    """Engram's step for a spike-time input at t_ms: the step ending at the first grid time >= t (at least dt),
    with the tolerance of Engram's TimeGrid.stepEndingAtOrAfter, which this mirrors."""
    steps = t_ms / DT_MS
    end = math.ceil(steps - (1e-9 + 1e-15 * steps))
    return max(0, end - 1)


# ---------------------------------------------------------------- the networks


def lif_delta_small():
    """lif_delta: bias and per-neuron currents, spike-time inputs on and off the grid, excitatory and
    inhibitory synapses with several delays, a recurrent loop, and inputs during refractoriness."""
    pops = [
        dict(name='src', model='spike_times', size=4, times=[
            # 5.0 fires B0 (arrives 5.1); 5.35 (-> 5.4), 6.0 and 7.0 arrive at 5.5, 6.1 and 7.1, while B0 is
            # refractory (to 7.1 inclusive): discarded; 7.1 arrives at 7.2, after it: B0 fires again.
            [5.0, 5.35, 6.0, 7.0, 7.1, 30.0],
            [0.0, 12.34, 40.0, 40.25],                 # 0.0 is emitted at dt
            [20.0, 20.1, 20.2, 20.3, 20.4],            # five jumps that sum past threshold
            [50.0, 50.05, 62.5]]),                     # 50.0 and 50.05 in different steps (50.05 -> 50.1)
        dict(name='A', model='lif_delta', size=3, currents=[0.0, 15.0, 30.0],
             params=dict(tau_m=20.0, c_m=250.0, e_l=0.0, v_th=20.0, v_reset=10.0, t_ref=2.0, i_e=255.0)),
        dict(name='B', model='lif_delta', size=3,
             params=dict(tau_m=10.0, c_m=250.0, e_l=-70.0, v_th=-55.0, v_reset=-70.0, t_ref=2.0, i_e=0.0)),
    ]
    syn = [
        ('src', 0, 'B', 0, 25.0, 1),
        ('src', 1, 'A', 0, 6.0, 4), ('src', 1, 'B', 1, -3.0, 2),
        ('src', 2, 'B', 1, 3.25, 3),
        ('src', 3, 'A', 1, -8.0, 1), ('src', 3, 'A', 2, -4.5, 10),
        # the loop B0 -> B1 -> B2 -> B0, each jump past threshold from rest
        ('B', 0, 'B', 1, 16.0, 15), ('B', 1, 'B', 2, 16.0, 7), ('B', 2, 'B', 0, 16.0, 23),
        ('A', 0, 'B', 2, 2.0, 2), ('A', 1, 'B', 0, 1.5, 32), ('A', 2, 'B', 1, 2.5, 5),
        ('B', 0, 'A', 0, -3.0, 5), ('B', 2, 'A', 2, -2.0, 12), ('A', 2, 'A', 0, 1.25, 1),
    ]
    return dict(duration_ms=100.0, populations=pops, synapses=syn,
                record=[('A', 1), ('B', 0)], record_every=10)


def current_synapse_network(name, model, tau_syn_ex, tau_syn_in, duration_ms=100.0):
    """lif_exp or lif_alpha with their own excitatory and inhibitory time constants; inputs while refractory
    are kept."""
    pops = [
        dict(name='src', model='spike_times', size=3, times=[
            [2.0, 3.0, 4.0, 15.0, 40.0],               # E0 fires at 3.3; 4.0 reaches it while refractory
            [10.0, 25.05, 60.0],
            [30.0, 30.5, 31.0, 70.0]]),
        dict(name='E', model=model, size=4, currents=[0.0, 20.0, 40.0, 60.0],
             params=dict(tau_m=10.0, c_m=250.0, e_l=-70.0, v_th=-55.0, v_reset=-70.0, t_ref=2.0, i_e=360.0,
                         tau_syn_ex=tau_syn_ex, tau_syn_in=tau_syn_in)),
    ]
    syn = [
        ('src', 0, 'E', 0, 3000.0, 1), ('src', 1, 'E', 0, 1500.0, 3), ('src', 1, 'E', 3, -1200.0, 2),
        ('src', 2, 'E', 1, -2500.0, 1), ('src', 2, 'E', 2, 900.0, 7),
        ('E', 0, 'E', 1, 700.0, 11), ('E', 1, 'E', 2, 650.0, 4), ('E', 2, 'E', 0, 800.0, 19),
        ('E', 3, 'E', 0, -400.0, 2), ('E', 3, 'E', 1, -600.0, 25),
    ]
    return dict(name=name, duration_ms=duration_ms, populations=pops, synapses=syn,
                record=[('E', 0), ('E', 1)], record_every=10)


def adaptive_lif_small():
    """adaptive_lif: a threshold that rises by delta_a at each spike and decays with tau_a."""
    pops = [
        dict(name='src', model='spike_times', size=1, times=[[20.0, 20.5, 45.0, 80.0]]),
        dict(name='N', model='adaptive_lif', size=3, currents=[0.0, 50.0, 100.0],
             params=dict(tau_m=10.0, c_m=250.0, e_l=-70.0, v_th=-55.0, v_reset=-70.0, t_ref=2.0, i_e=400.0,
                         tau_syn_ex=2.0, tau_syn_in=5.0, tau_a=50.0, delta_a=2.0)),
    ]
    syn = [('src', 0, 'N', 0, 2000.0, 1), ('src', 0, 'N', 2, -3000.0, 4),
           ('N', 1, 'N', 0, 500.0, 6), ('N', 2, 'N', 1, -300.0, 9)]
    return dict(duration_ms=150.0, populations=pops, synapses=syn,
                record=[('N', 0), ('N', 2)], record_every=10)


def lif_cond_exp_small():
    """lif_cond_exp: conductances in nS towards their reversal potentials, excitatory and inhibitory
    synapses of both time constants, a recurrent loop, and inputs while refractory (kept in g)."""
    pops = [
        dict(name='src', model='spike_times', size=3, times=[
            [2.0, 2.5, 3.0, 15.0, 15.05, 40.0],        # C0 fires near 3 ms; 3.0 reaches it while refractory
            [10.0, 25.05, 60.0, 60.1],
            [30.0, 30.5, 31.0, 70.0]]),
        dict(name='C', model='lif_cond_exp', size=4, currents=[0.0, 50.0, 100.0, 150.0],
             params=dict(tau_m=15.0, c_m=250.0, e_l=-70.0, v_th=-55.0, v_reset=-60.0, t_ref=2.0, i_e=300.0,
                         e_ex=0.0, e_in=-85.0, tau_syn_ex=0.5, tau_syn_in=5.0)),
    ]
    syn = [
        ('src', 0, 'C', 0, 40.0, 1), ('src', 1, 'C', 0, 20.0, 3), ('src', 1, 'C', 3, -30.0, 2),
        ('src', 2, 'C', 1, -50.0, 1), ('src', 2, 'C', 2, 25.0, 7),
        ('C', 0, 'C', 1, 12.0, 11), ('C', 1, 'C', 2, 10.0, 4), ('C', 2, 'C', 0, 15.0, 19),
        ('C', 3, 'C', 0, -8.0, 2), ('C', 3, 'C', 1, -20.0, 25),
    ]
    return dict(duration_ms=150.0, populations=pops, synapses=syn,
                record=[('C', 0), ('C', 3)], record_every=10)


def lif_delta_short_term():
    """Tsodyks-Markram short-term plasticity (Engram's tsodyks_markram): depressing synapses onto A,
    facilitating ones onto B, trains of 200 Hz and 20 Hz, and a pause in which the resources recover."""
    fast = [5.0 + 5.0 * k for k in range(12)]
    slow = [100.0 + 50.0 * k for k in range(4)] + [320.0, 325.0, 330.0]
    pops = [
        dict(name='src', model='spike_times', size=2, times=[fast + [300.0, 305.0], slow]),
        dict(name='A', model='lif_delta', size=2,
             params=dict(tau_m=20.0, c_m=250.0, e_l=0.0, v_th=20.0, v_reset=10.0, t_ref=2.0, i_e=0.0)),
        dict(name='B', model='lif_delta', size=2,
             params=dict(tau_m=20.0, c_m=250.0, e_l=0.0, v_th=20.0, v_reset=10.0, t_ref=2.0, i_e=0.0)),
    ]
    syn = [('src', 0, 'A', 0, 36.0, 1), ('src', 1, 'A', 1, 44.0, 3),
           ('src', 0, 'B', 0, 60.0, 2), ('src', 1, 'B', 1, 80.0, 1),
           ('A', 0, 'B', 1, 12.0, 4)]
    short_term = {('src', 'A'): (0.5, 800.0, 0.0), ('src', 'B'): (0.1, 100.0, 1000.0),
                  ('A', 'B'): (0.5, 50.0, 20.0)}
    return dict(duration_ms=350.0, populations=pops, synapses=syn, short_term=short_term,
                record=[('A', 0), ('B', 0)], record_every=40)


def izhikevich_cells():
    """izhikevich on a constant current: Euler on 0.005 ms substeps, a spike tested after each."""
    pops = [
        dict(name='rs', model='izhikevich', size=2, currents=[0.0, 5.0],
             params=dict(a=0.02, b=0.2, c=-65.0, d=8.0, v_init=-65.0, u_init=-13.0, i_e=10.0)),
        dict(name='fs', model='izhikevich', size=1,
             params=dict(a=0.1, b=0.2, c=-65.0, d=2.0, v_init=-65.0, u_init=-13.0, i_e=10.0)),
    ]
    return dict(duration_ms=200.0, populations=pops, synapses=[],
                record=[('rs', 0), ('fs', 0)], record_every=20)


def recurrent_network(name, model, seed):
    """80 neurons, 64 excitatory and 16 inhibitory, each with its own bias current, 8 excitatory and 4
    inhibitory inputs from random neurons with random delays: hundreds of spikes, where one early
    difference would move every later one."""
    rng = np.random.default_rng(seed)
    n_exc, n_inh = 64, 16
    if model == 'lif_delta':
        params = dict(tau_m=20.0, c_m=250.0, e_l=0.0, v_th=20.0, v_reset=10.0, t_ref=2.0, i_e=0.0)
        w_exc, w_inh = 0.75, -2.5
    else:
        params = dict(tau_m=20.0, c_m=250.0, e_l=0.0, v_th=20.0, v_reset=10.0, t_ref=2.0, i_e=0.0,
                      tau_syn_ex=2.0, tau_syn_in=5.0)
        w_exc, w_inh = 45.0, -120.0
    # R I from 19.2 to 24 mV against a 20 mV threshold: most fire on their own, a few only when pushed.
    def currents(n):
        return [float(x) for x in np.round(rng.uniform(240.0, 300.0, n) * 4) / 4]

    pops = [dict(name='exc', model=model, size=n_exc, currents=currents(n_exc), params=params),
            dict(name='inh', model=model, size=n_inh, currents=currents(n_inh), params=params)]
    syn = []
    for tgt_pop, n_tgt in (('exc', n_exc), ('inh', n_inh)):
        for tgt in range(n_tgt):
            for src in rng.choice(n_exc, 8, replace=False):
                syn.append(('exc', int(src), tgt_pop, tgt, w_exc, int(rng.integers(1, 31))))
            for src in rng.choice(n_inh, 4, replace=False):
                syn.append(('inh', int(src), tgt_pop, tgt, w_inh, int(rng.integers(1, 31))))
    return dict(name=name, duration_ms=300.0, populations=pops, synapses=syn,
                record=[('exc', 0)], record_every=20)


def networks():
    return {
        'lif_delta_small': lif_delta_small(),
        'lif_exp_two_taus': current_synapse_network('lif_exp_two_taus', 'lif_exp', 2.0, 5.0),
        'lif_exp_singular': current_synapse_network('lif_exp_singular', 'lif_exp', 10.0, 3.0),
        'lif_alpha_singular': current_synapse_network('lif_alpha_singular', 'lif_alpha', 0.5, 10.0),
        'adaptive_lif_small': adaptive_lif_small(),
        'lif_cond_exp_small': lif_cond_exp_small(),
        'izhikevich_cells': izhikevich_cells(),
        'lif_delta_short_term': lif_delta_short_term(),
        'lif_delta_recurrent': recurrent_network('lif_delta_recurrent', 'lif_delta', 7),
        'lif_exp_recurrent': recurrent_network('lif_exp_recurrent', 'lif_exp', 11),
    }


# ---------------------------------------------------------------- Brian2 side


def lif_equations(model, p):
    """Equations with the parameters written in as numbers.

    As numbers, not names: Brian2's exact integrator solves the system symbolically, and with
    tau_syn and tau_m as symbols its solution divides by (tau_syn - tau_m), NaN where they are equal;
    with numbers sympy finds the t exp(-t / tau) limit. lif_delta marks v (unless refractory) so that
    Brian2 holds it and drops input while refractory, as Engram does; the models with current
    synapses hold v with a clamp instead (see hold_while_refractory), since the int(not_refractory)
    that the flag puts into the system made the singular case 0/0 again.
    """
    leak = f"-(v - {p['e_l']!r}*mV)/({p['tau_m']!r}*ms)"
    if model == 'lif_delta':
        return (f"dv/dt = {leak} + (I_c + {p['i_e']!r}*pA)/({p['c_m']!r}*pF) : volt (unless refractory)\n"
                "I_c : amp (constant)\n")
    if model == 'lif_cond_exp':
        return conductance_equations(p)
    eqs = (f"dv/dt = {leak} + (I_ex + I_in + I_c + {p['i_e']!r}*pA)/({p['c_m']!r}*pF) : volt\n"
           "I_c : amp (constant)\n")
    for x in ('ex', 'in'):
        tau = f"({p['tau_syn_' + x]!r}*ms)"
        if model == 'lif_alpha':
            # y drives the current: I = y0 t exp(-t / tau), and a weight adds w e / tau to y (on_pre).
            eqs += f"dI_{x}/dt = y_{x} - I_{x}/{tau} : amp\ndy_{x}/dt = -y_{x}/{tau} : amp/second\n"
        else:
            eqs += f"dI_{x}/dt = -I_{x}/{tau} : amp\n"
    if model == 'adaptive_lif':
        eqs += f"da/dt = -a/({p['tau_a']!r}*ms) : volt\n"
    return eqs


def conductance_mean(tau_ms, h_ms=DT_MS):
    """The mean of exp(-t / tau) over a step (or substep) h, (tau / h) (1 - exp(-h / tau)), as Engram's
    Conductances writes it."""
    return -math.expm1(-h_ms / tau_ms) * tau_ms / h_ms


def conductance_equations(p):
    """lif_cond_exp as Engram integrates it: each conductance read as its exact mean over the step, a
    number times its value at the step's start, which makes the membrane equation linear with constant
    coefficients over the step; Brian2's exponential Euler then solves it exactly, as Engram does, and
    decays the conductances exactly."""
    g_l = f"({p['c_m']!r}*pF)/({p['tau_m']!r}*ms)"
    drive = (f"{g_l}*({p['e_l']!r}*mV - v)"
             f" + {conductance_mean(p['tau_syn_ex'])!r}*g_ex*({p['e_ex']!r}*mV - v)"
             f" + {conductance_mean(p['tau_syn_in'])!r}*g_in*({p['e_in']!r}*mV - v)")
    return (f"dv/dt = ({drive} + I_c + {p['i_e']!r}*pA)/({p['c_m']!r}*pF) : volt\n"
            "I_c : amp (constant)\n"
            f"dg_ex/dt = -g_ex/({p['tau_syn_ex']!r}*ms) : siemens\n"
            f"dg_in/dt = -g_in/({p['tau_syn_in']!r}*ms) : siemens\n")


def refractory_steps(p):
    return int(round(p['t_ref'] / DT_MS))


def tsodyks_markram(model, on_pre, u, tau_rec, tau_fac):
    """Engram's discrete Tsodyks-Markram synapse (README, "Short-term depression and facilitation"): between
    spikes u relaxes to 0 with tau_fac (at once when it is 0) and x to 1 with tau_rec; at a spike u grows by
    U (1 - u), the synapse delivers w u x and x loses u x. Brian2 keeps u and x per synapse, Engram per
    source neuron: the same, as every synapse of a source sees its spikes at the same intervals."""
    decay_u = f"u_s = u_s*exp(-(t - lastupdate)/({tau_fac!r}*ms))" if tau_fac > 0 else "u_s = 0"
    code = (f"{decay_u}\n"
            f"x_s = 1 + (x_s - 1)*exp(-(t - lastupdate)/({tau_rec!r}*ms))\n"
            f"u_s += {u!r}*(1 - u_s)\n"
            + on_pre.replace('+= w', '+= w*u_s*x_s') + "\n"
            "x_s -= u_s*x_s\n"
            "lastupdate = t\n")
    return model + "\nu_s : 1\nx_s : 1\nlastupdate : second", code


def lif_group(pop):
    model, p = pop['model'], pop['params']
    threshold = f"v >= {p['v_th']!r}*mV" + (" + a" if model == 'adaptive_lif' else "")
    reset = f"v = {p['v_reset']!r}*mV" + (f"\na += {p['delta_a']!r}*mV" if model == 'adaptive_lif' else "")
    # Brian2 counts refractoriness from the start of the spike's step (its time), Engram from its end:
    # a period one step longer holds v for Engram's t_ref / dt steps after the spike's own.
    g = NeuronGroup(pop['size'], lif_equations(model, p), threshold=threshold, reset=reset,
                    refractory=(refractory_steps(p) + 1) * DT_MS * ms,
                    method='exponential_euler' if model == 'lif_cond_exp' else 'exact', name=pop['name'])
    g.v = p['e_l'] * mV
    if 'currents' in pop:
        g.I_c = np.array(pop['currents']) * pA
    extra = []
    if model != 'lif_delta':
        extra.append(hold_while_refractory(g, p))
    return g, extra


def hold_while_refractory(g, p):
    """Puts v back at the reset after the update of a refractory step (Engram does not update it), before
    the threshold: int(nr) * v + (1 - int(nr)) * v_reset is v or v_reset exactly, as adding a zero product
    changes no finite value."""
    return g.run_regularly(f"v = int(not_refractory)*v + (1 - int(not_refractory))*{p['v_reset']!r}*mV",
                           when='before_thresholds', order=-1)


def izhikevich_group(pop, substep_ms, variables='', on_spike='', events=None):
    """An izhikevich population; `variables` (equations' lines), `on_spike` (statements after the reset) and
    `events` (custom events) add what the synapses need (substep_fixtures.izhikevich_synapse_group)."""
    p = pop['params']
    # v in mV and u in mV/ms as plain numbers; Brian2's Euler step takes v and u from the substep's start,
    # as Engram's does, and the threshold is tested after every substep, as Engram's is.
    eqs = (f"dv/dt = ((0.04*v + 5)*v + 140 - u + (I_c + {p['i_e']!r}))/ms : 1\n"
           f"du/dt = {p['a']!r}*({p['b']!r}*v - u)/ms : 1\n"
           "I_c : 1 (constant)\n" + variables)
    g = NeuronGroup(pop['size'], eqs, threshold='v >= 30', reset=izhikevich_reset(p) + on_spike,
                    events=events, method='euler', name=pop['name'], dt=substep_ms * ms)
    g.v = p['v_init']
    g.u = p['u_init']
    if 'currents' in pop:
        g.I_c = np.array(pop['currents'])
    return g, []


def izhikevich_reset(p):
    """Engram's reset of an izhikevich neuron at the peak."""
    return f"v = {p['c']!r}\nu += {p['d']!r}"


def spike_generator(pop):
    """A spike_times source: each time given as the start of the step Engram emits it in, as Brian2 emits a
    time in the step that contains it."""
    idx, steps = [], []
    for i, times in enumerate(pop['times']):
        for t in times:
            idx.append(i)
            steps.append(grid_step(t))
    return SpikeGeneratorGroup(pop['size'], idx, np.array(steps) * DT_MS * ms, name=pop['name'])


def pathway(net_spec, groups, src_pop, tgt_pop, inhibitory, rows):
    """The synapses from one population to another of one sign, delivering as Engram's do."""
    target = next(p for p in net_spec['populations'] if p['name'] == tgt_pop)
    x = 'in' if inhibitory else 'ex'
    if target['model'] == 'lif_delta':
        on_pre, unit = 'v_post += w', mV
    elif target['model'] == 'lif_alpha':
        # Engram's AlphaCurrent: a weight w adds w e / tau_syn to the drive, so that the current peaks at w.
        on_pre, unit = f"y_{x}_post += w*{math.e!r}/({target['params']['tau_syn_' + x]!r}*ms)", pA
    elif target['model'] == 'lif_cond_exp':
        # An inhibitory weight is negative and adds its magnitude to g_in.
        on_pre, unit = f"g_{x}_post += {'-' if inhibitory else ''}w", nS
    else:
        on_pre, unit = f"I_{x}_post += w", pA
    model = 'w : ' + ('volt' if unit is mV else 'siemens' if unit is nS else 'amp')
    short_term = net_spec.get('short_term', {}).get((src_pop, tgt_pop))
    if short_term is not None:
        model, on_pre = tsodyks_markram(model, on_pre, *short_term)
    syn = Synapses(groups[src_pop], groups[tgt_pop], model, on_pre=on_pre)
    rows = np.array(rows)
    syn.connect(i=rows[:, 0].astype(int), j=rows[:, 1].astype(int))
    syn.w = rows[:, 2] * unit
    if short_term is not None:
        syn.u_s, syn.x_s = 0, 1        # at rest, as Engram's synapses start
    # Engram adds input that arrives at a step's end in that step, before the threshold; Brian2's
    # pathway runs after the thresholds and an input then counts only in the next step. Run it just
    # before the thresholds instead: it then delivers in step s + 1 + D the spikes of step s, so an
    # Engram delay of d steps is a Brian2 delay of d - 1 steps.
    syn.delay = (rows[:, 3] - 1) * DT_MS * ms
    syn.pre.when = 'before_thresholds'
    syn.pre.order = 0
    return syn


def run_brian2(net_spec):
    """Builds and runs one network in Brian2; returns its spikes (population, neuron, step) in the order
    of the fixture and its sampled potentials (population, neuron, step, mV)."""
    start_scope()
    defaultclock.dt = DT_MS * ms
    groups, objects = {}, []
    substeps = 1
    for pop in net_spec['populations']:
        if pop['model'] == 'spike_times':
            g, extra = spike_generator(pop), []
        elif pop['model'] == 'izhikevich':
            substeps = int(round(DT_MS / IZHIKEVICH_SUBSTEP_MS))
            g, extra = izhikevich_group(pop, DT_MS / substeps)
        else:
            g, extra = lif_group(pop)
        groups[pop['name']] = g
        objects += [g] + extra
    by_pathway = {}
    for src_pop, src, tgt_pop, tgt, w, delay in net_spec['synapses']:
        by_pathway.setdefault((src_pop, tgt_pop, w < 0), []).append((src, tgt, w, delay))
    objects += [pathway(net_spec, groups, *key, rows) for key, rows in by_pathway.items()]
    spike_monitors = {name: SpikeMonitor(g) for name, g in groups.items()}
    state_monitors = state_monitors_of(net_spec, groups)
    net = Network(objects, list(spike_monitors.values()), [m for _, m in state_monitors.values()])
    net.run(net_spec['duration_ms'] * ms, namespace={})
    return spikes_in_steps(net_spec, spike_monitors, substeps), sampled(net_spec, state_monitors, substeps)


def state_monitors_of(net_spec, groups):
    """A monitor of the sampled variables per population that has sampled neurons, with those neurons."""
    monitors = {}
    for name in dict.fromkeys(p for p, _ in net_spec['record']):
        neurons = sorted(n for p, n in net_spec['record'] if p == name)
        # 'end': after the reset, as Engram samples a step.
        monitors[name] = (neurons, StateMonitor(groups[name], variables_of(net_spec), record=neurons, when='end'))
    return monitors


def variables_of(net_spec):
    """The variables sampled: v, and those the network names besides."""
    return ['v'] + net_spec.get('variables', [])


def model_of(net_spec, name):
    return next(p['model'] for p in net_spec['populations'] if p['name'] == name)


def spikes_in_steps(net_spec, spike_monitors, substeps):
    """The neurons' spikes as (population, neuron, Engram's step), by step, population and neuron."""
    spikes = []
    for name, mon in spike_monitors.items():
        model = model_of(net_spec, name)
        if model == 'spike_times':
            continue
        per_step = substeps if model in PLAIN_NUMBER_MODELS else 1
        ticks = np.rint(np.asarray(mon.t / ms) / (DT_MS / per_step)).astype(int)
        spikes += [(name, int(i), int(s)) for i, s in zip(np.asarray(mon.i), ticks // per_step)]
    spikes.sort(key=lambda x: (x[2], x[0], x[1]))
    return spikes


def sampled(net_spec, state_monitors, substeps):
    """Each sampled variable's values (mV for v) after every record_every-th step, as Engram's state
    recorder takes them: {variable: [(population, neuron, step, value)]}."""
    traces = {variable: [] for variable in variables_of(net_spec)}
    every = net_spec['record_every']
    n_steps = int(round(net_spec['duration_ms'] / DT_MS))
    for name, (neurons, mon) in state_monitors.items():
        plain = model_of(net_spec, name) in PLAIN_NUMBER_MODELS
        ticks = substeps if plain else 1
        for variable, rows in traces.items():
            # The LIF models run in SI units, v in volts.
            values = np.asarray(getattr(mon, variable)) * (1 if plain else 1e3)
            for row, neuron in enumerate(neurons):
                for step in range(every - 1, n_steps, every):
                    rows.append((name, neuron, step, float(values[row, (step + 1) * ticks - 1])))
    return traces


# ---------------------------------------------------------------- fixture files


def describe_populations(populations):
    """The description's lines of the populations: model and parameters, spike times, currents."""
    lines = []
    for pop in populations:
        params = ' '.join(f"{k}={v!r}" for k, v in pop.get('params', {}).items())
        lines.append(f"population {pop['name']} {pop['model']} {pop['size']} {params}".rstrip())
        for i, times in enumerate(pop.get('times', [])):
            lines.append(f"times {pop['name']} {i} " + ' '.join(repr(t) for t in times))
        if 'currents' in pop:
            lines.append(f"currents {pop['name']} " + ' '.join(repr(c) for c in pop['currents']))
    return lines


def describe(net_spec):
    lines = [f"# written by simulator/brian2/spike_fixtures.py with Brian2 {brian2_version}",
             f"dt_ms {DT_MS!r}", f"duration_ms {net_spec['duration_ms']!r}"]
    lines += describe_populations(net_spec['populations'])
    blocks = {}
    for src_pop, src, tgt_pop, tgt, w, delay in net_spec['synapses']:
        blocks.setdefault((src_pop, tgt_pop), []).append(f"{src} {tgt} {as_float32(w)!r} {delay}")
    for (src_pop, tgt_pop), rows in blocks.items():
        lines.append(f"synapses {src_pop} {tgt_pop}")
        lines += rows
    for (src_pop, tgt_pop), (u, tau_rec, tau_fac) in net_spec.get('short_term', {}).items():
        lines.append(f"short_term {src_pop} {tgt_pop} {u!r} {tau_rec!r} {tau_fac!r}")
    lines.append(f"record_every {net_spec['record_every']}")
    if net_spec.get('variables'):
        lines.append('variables ' + ' '.join(net_spec['variables']))
    if net_spec.get('reference_substeps'):
        lines.append(f"reference_substeps {net_spec['reference_substeps']}")
    for name, neuron in net_spec['record']:
        lines.append(f"record {name} {neuron}")
    return '\n'.join(lines) + '\n'


def write_csv(folder, file, header, rows):
    """Writes a fixture's CSV file: the header, then a line a row, numbers as repr writes them (a float
    exactly)."""
    with open(os.path.join(folder, file), 'w') as f:
        f.write(header + '\n')
        f.writelines(','.join(v if isinstance(v, str) else repr(v) for v in row) + '\n' for row in rows)


def main():
    write_fixtures(__doc__, networks(), run_brian2)


def write_fixtures(doc, all_networks, run):
    """The command line of a fixture script: runs the networks with `run` (a network's description in, its
    spikes and sampled variables out) on the target asked for and writes their fixtures."""
    parser = argparse.ArgumentParser(description=doc.split('\n')[0])
    parser.add_argument('out', nargs='?', default=DEFAULT_OUT,
                        help='folder for the fixtures (default: the test resources)')
    parser.add_argument('--target', choices=('numpy', 'cpp_standalone'), default='numpy',
                        help="Brian2's code generation: its numpy runtime (default) or C++ compiled by g++")
    parser.add_argument('--only', nargs='+', metavar='NETWORK', help='write only these networks')
    args = parser.parse_args()
    if args.target == 'numpy':
        prefs.codegen.target = 'numpy'
    for name, spec in all_networks.items():
        if args.only and name not in args.only:
            continue
        for s in spec['synapses']:
            assert s[4] == as_float32(s[4]), f"{name}: weight {s[4]} is not a float"
        # Engram's state recorder takes a population's neurons in ascending order.
        for pop in dict.fromkeys(p for p, _ in spec['record']):
            listed = [n for p, n in spec['record'] if p == pop]
            assert listed == sorted(listed), f"{name}: record the neurons of {pop} in ascending order"
        if args.target == 'cpp_standalone':
            with tempfile.TemporaryDirectory() as build:
                set_device('cpp_standalone', directory=build)
                spikes, traces = run(spec)
                device.reinit()
        else:
            spikes, traces = run(spec)
        folder = os.path.join(args.out, name)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, 'network.txt'), 'w') as f:
            f.write(describe(spec))
        # A reference's spikes carry their times too.
        timed = spikes and len(spikes[0]) == 4
        write_csv(folder, 'spikes.csv', 'population,neuron,step' + (',time_ms' if timed else ''), spikes)
        for variable, rows in traces.items():
            write_csv(folder, f'{variable}.csv', f'population,neuron,step,{variable}_{UNITS[variable]}', rows)
        print(f"{name}: {len(spikes)} spikes, {len(traces['v'])} potentials")


if __name__ == '__main__':
    main()
