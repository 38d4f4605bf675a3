#!/usr/bin/python3
"""Runs small networks of Engram's substepping models (adex, adex_cond, hh_alpha, izhikevich) in Brian2, step for step.

Engram integrates these models on substeps of 0.01 ms inside each 0.1 ms step: the AdEx models by the
midpoint method, hh_alpha by the classical fourth-order Runge-Kutta method, their synaptic variables
advanced exactly and read at the stages' times. Brian2's `rk2` and `rk4` are those methods; run on a
clock of 0.01 ms, with the synaptic variables written as closed forms of the time since the substep's
start (so that each stage reads them exactly where Engram's does) and decayed exactly after the update,
they compute Engram's substeps. The networks, the fixtures' format and the command line are those of
spike_fixtures.py (see its docstring and README.md beside this file); the fixtures go to the same folder.

izhikevich, whose cells on constant currents spike_fixtures.py compares, comes here with its delta synapses:
Euler substeps of 0.005 ms, twenty to a step, and the jumps that arrive at a step's end added after its last
substep and tested for the peak again, so that a neuron may fire twice in a step. Brian2 runs it on a clock
of 0.005 ms, adds the jumps in the last substep's 'end' slot, tests them with a custom event there, and
passes each spike of a step on through a relay of its own.

What Brian2 cannot follow step for step is left out of those networks: the AdEx upstroke, where Engram
cuts a substep at the closed-form time the exponential term takes to the peak, so AdEx neurons with
the exponential term (delta_t > 0) stay below it, and spiking AdEx neurons have delta_t = 0 (spikes cut
at v_th); hh_alpha's and adex_cond's splitting of stiff substeps (far below rest, or conductances of
tens of thousands of nS), which these networks never reach. The upstroke is compared instead with a
reference, adex_upstroke: the classical Runge-Kutta method on substeps of 0.001 ms, whose fixture gives
each spike's time too (`reference_substeps` in its description).

  /usr/bin/python3 simulator/brian2/substep_fixtures.py [OUTPUT_DIR] [--target cpp_standalone]
"""
import math

import numpy as np
from brian2 import (NeuronGroup, Network, SpikeGeneratorGroup, SpikeMonitor, Synapses, defaultclock, linked_var,
                    ms, start_scope)

from spike_fixtures import (DT_MS, IZHIKEVICH_SUBSTEP_MS, conductance_mean, grid_step, izhikevich_group,
                            izhikevich_reset, spikes_in_steps, sampled, state_monitors_of, write_fixtures)

# Engram's longest substep (AdexKernel.MAX_SUBSTEP_MS, HodgkinHuxley.MAX_SUBSTEP_MS): ten to a step.
SUBSTEP_MS = 0.01
SUBSTEPS = int(round(DT_MS / SUBSTEP_MS))
# The reference for what Brian2 cannot follow step for step: the classical Runge-Kutta method on substeps
# of 0.001 ms, a hundred to a step.
REFERENCE_SUBSTEPS = 100
# Engram cuts an AdEx substep into pieces, which Brian2 cannot follow, where the exponential term would
# carry V to the peak within this many substeps (AdexKernel.UPSTROKE_PIECES).
UPSTROKE_PIECES = 16
# The step of the last spike of a neuron that has not fired: long before any refractoriness.
NEVER_SPIKED = -10 ** 6
# Engram's Izhikevich kernel takes Euler substeps of 0.005 ms: twenty to a step.
IZHIKEVICH_SUBSTEPS = int(round(DT_MS / IZHIKEVICH_SUBSTEP_MS))
# The most spikes of an izhikevich neuron in one step that its relays pass on, one relay each.
IZHIKEVICH_RELAYS = 2


# ---------------------------------------------------------------- the networks


def adex_network(name, model):
    """adex or adex_cond: spiking neurons with delta_t = 0 (spikes cut at v_th, the integrate-and-fire
    limit), adaptation by a and b, refractoriness, a recurrent loop of both signs; and neurons with the
    exponential term held below V_T + 8 mV (upstroke times over 16 substeps), where it matters but Engram's
    cut of the upstroke does not come in."""
    conductances = model == 'adex_cond'
    membrane = dict(c_m=281.0, g_l=30.0, e_l=-70.6, v_th=-50.4, delta_t=0.0, v_peak=0.0, v_reset=-60.0, t_ref=1.0,
                    a=4.0, b=40.0, tau_w=144.0, i_e=700.0)
    synapses = (dict(e_ex=0.0, e_in=-85.0, tau_syn_ex=1.0, tau_syn_in=5.0) if conductances
                else dict(tau_syn_ex=1.0, tau_syn_in=5.0))
    # Without spikes b does nothing; the bias and a decide how close to V_T they sit.
    subthreshold = dict(membrane, delta_t=2.0, t_ref=0.0, a=2.0, b=0.0, tau_w=50.0, i_e=400.0)
    pops = [
        dict(name='src', model='spike_times', size=3, times=[
            [5.0, 5.5, 6.0, 30.0, 30.05, 80.0],
            [12.0, 40.25, 90.0, 90.1],
            [50.0, 50.5, 51.0, 120.0]]),
        dict(name='A', model=model, size=3, currents=[0.0, 100.0, 250.0], params=dict(membrane, **synapses)),
        dict(name='X', model=model, size=2, currents=[0.0, 80.0], params=dict(subthreshold, **synapses)),
    ]
    exc, inh = (20.0, -15.0) if conductances else (1000.0, -800.0)
    syn = [
        ('src', 0, 'A', 0, 2 * exc, 1), ('src', 1, 'A', 0, exc, 3), ('src', 1, 'A', 2, inh, 2),
        ('src', 2, 'A', 1, 2 * inh, 1), ('src', 0, 'X', 0, exc, 2), ('src', 2, 'X', 1, inh, 4),
        ('src', 1, 'X', 1, exc, 1),
        ('A', 0, 'A', 1, exc, 11), ('A', 1, 'A', 2, exc, 4), ('A', 2, 'A', 0, exc, 19),
        ('A', 2, 'A', 1, inh / 2, 3), ('A', 1, 'X', 0, exc / 2, 6), ('A', 2, 'X', 1, inh / 2, 9),
    ]
    return dict(name=name, duration_ms=200.0, populations=pops, synapses=syn, variables=['w'],
                record=[('A', 0), ('A', 2), ('X', 0), ('X', 1)], record_every=10)


def hh_alpha_network():
    """hh_alpha: repetitive firing on a constant current (above the 626 pA onset), a cell that fires only
    when inputs push it, alpha synapses of both signs, and a recurrent loop."""
    params = dict(c_m=100.0, g_na=12000.0, g_k=3600.0, g_l=30.0, e_na=50.0, e_k=-77.0, e_l=-54.402, t_ref=2.0,
                  i_e=0.0, tau_syn_ex=0.5, tau_syn_in=2.0, v_init=-65.0)
    pops = [
        dict(name='src', model='spike_times', size=2, times=[
            [5.0, 5.1, 5.2, 30.0, 60.0, 60.05],
            [20.0, 45.5, 80.0]]),
        dict(name='H', model='hh_alpha', size=3, currents=[0.0, 700.0, 1000.0], params=params),
    ]
    syn = [
        ('src', 0, 'H', 0, 800.0, 1), ('src', 0, 'H', 1, 300.0, 2), ('src', 1, 'H', 2, -600.0, 1),
        ('src', 1, 'H', 0, 1000.0, 3),
        ('H', 1, 'H', 0, 400.0, 12), ('H', 2, 'H', 0, 300.0, 7), ('H', 0, 'H', 2, -500.0, 4),
    ]
    return dict(name='hh_alpha_small', duration_ms=150.0, populations=pops, synapses=syn,
                record=[('H', 0), ('H', 1)], record_every=10)


def adex_upstroke():
    """The AdEx upstroke, which Engram cuts at the exponential term's closed-form blow-up and Brian2 cannot
    follow step for step: adex and adex_cond neurons (NEST's defaults, v_peak 0, t_ref 0) firing on biases
    and inputs, adapting, with a recurrent loop, against Brian2's classical Runge-Kutta method on substeps
    of 0.001 ms."""
    membrane = dict(c_m=281.0, g_l=30.0, e_l=-70.6, v_th=-50.4, delta_t=2.0, v_peak=0.0, v_reset=-60.0, t_ref=0.0,
                    a=4.0, b=80.5, tau_w=144.0, i_e=600.0)
    pops = [
        dict(name='src', model='spike_times', size=2, times=[[10.0, 10.5, 60.0, 60.3], [30.0, 90.0, 90.2]]),
        dict(name='A', model='adex', size=3, currents=[0.0, 200.0, 400.0],
             params=dict(membrane, tau_syn_ex=1.0, tau_syn_in=5.0)),
        dict(name='C', model='adex_cond', size=2, currents=[0.0, 300.0],
             params=dict(membrane, e_ex=0.0, e_in=-85.0, tau_syn_ex=1.0, tau_syn_in=5.0)),
    ]
    syn = [('src', 0, 'A', 0, 1500.0, 1), ('src', 1, 'A', 2, -1200.0, 2), ('src', 0, 'C', 0, 20.0, 1),
           ('src', 1, 'C', 1, -15.0, 3), ('A', 1, 'A', 0, 800.0, 5), ('A', 2, 'C', 0, 10.0, 8),
           ('C', 1, 'A', 1, -600.0, 4)]
    return dict(name='adex_upstroke', duration_ms=150.0, populations=pops, synapses=syn, variables=['w'],
                reference_substeps=REFERENCE_SUBSTEPS, record=[('A', 0), ('A', 2), ('C', 1)], record_every=10)


def izhikevich_synapses():
    """izhikevich with delta synapses: a loop of two silent cells that kick each other past the peak (and an
    input that reaches one of them in a step whose last substep reached the peak), a cell firing on its bias
    that inputs reach during its upstroke and right after its reset, excitation and inhibition between
    regular- and fast-spiking cells with delays of several steps, and a cell that an input makes fire again
    in the step it fired in, whose two spikes both reach their target."""
    rest = dict(v_init=-70.0, u_init=-14.0, i_e=0.0)
    pops = [
        dict(name='src', model='spike_times', size=7, times=[
            [5.0, 70.0],
            [20.0, 20.8, 40.0, 41.0, 95.0],
            [30.0, 110.0],
            [30.3, 112.0],
            [21.1, 132.7],
            [87.0],
            [79.6]]),
        dict(name='R', model='izhikevich', size=4, currents=[0.0, 0.0, 10.0, 0.0],
             params=dict(a=0.02, b=0.2, c=-65.0, d=8.0, **rest)),
        dict(name='F', model='izhikevich', size=2, currents=[0.0, 4.0],
             params=dict(a=0.1, b=0.2, c=-65.0, d=2.0, **rest)),
    ]
    syn = [
        ('src', 0, 'R', 0, 40.0, 1), ('src', 1, 'R', 2, 8.0, 2), ('src', 2, 'R', 3, 60.0, 1),
        ('src', 3, 'R', 3, 100.0, 1), ('src', 4, 'R', 2, 30.0, 1), ('src', 5, 'R', 2, -20.0, 3),
        ('src', 6, 'R', 1, 6.0, 1),
        ('R', 0, 'R', 1, 40.0, 15), ('R', 1, 'R', 0, 40.0, 23),
        ('R', 0, 'F', 0, 20.0, 5), ('R', 2, 'F', 0, 20.0, 3), ('F', 0, 'R', 2, -10.0, 4),
        ('F', 1, 'R', 1, -5.0, 10), ('R', 3, 'F', 1, 12.0, 2),
    ]
    return dict(name='izhikevich_synapses', duration_ms=150.0, populations=pops, synapses=syn,
                record=[('R', 1), ('R', 2), ('R', 3), ('F', 1)], record_every=10)


def networks():
    return {
        'adex_small': adex_network('adex_small', 'adex'),
        'adex_cond_small': adex_network('adex_cond_small', 'adex_cond'),
        'hh_alpha_small': hh_alpha_network(),
        'adex_upstroke': adex_upstroke(),
        'izhikevich_synapses': izhikevich_synapses(),
    }


# ---------------------------------------------------------------- Brian2 side


def half_decay(tau_ms, n=SUBSTEPS):
    """exp(-h / (2 tau)) for substeps h of a step of n: Engram decays a synaptic variable over a substep by
    two of these."""
    return math.exp(-0.5 * DT_MS / n / tau_ms)


def since_substep_start(tau_ms):
    """The decay of a synaptic variable from the substep's start to the stage's time: 1 at the first stage,
    the half decay at the middle, as Engram reads it (t0, the substep's start, is set before the update)."""
    return f"exp(-(t - t0)/({tau_ms!r}*ms))"


def adex_group(pop, n=SUBSTEPS):
    """An AdEx population: the midpoint method (rk2) on v and w, v read as at most v_peak in every term
    (clip), v held while refractory; currents read at the stages' times, conductances as their exact mean
    over the substep, both decayed exactly after the update. On the reference's substeps (n =
    REFERENCE_SUBSTEPS) the classical Runge-Kutta method instead, conductances read at the stages' times."""
    p = pop['params']
    reference = n == REFERENCE_SUBSTEPS
    h = DT_MS / n
    peak = p['v_peak'] if p['delta_t'] > 0 else p['v_th']
    vc = f"clip(v, -1e9, {peak!r})"
    spike_current = f"{p['g_l']!r}*{p['delta_t']!r}*exp(({vc} - {p['v_th']!r})/{p['delta_t']!r})" \
        if p['delta_t'] > 0 else "0"
    x_ex, x_in = ('g_ex', 'g_in') if pop['model'] == 'adex_cond' else ('I_ex', 'I_in')
    # What each stage reads of a synaptic variable x: x times this.
    at_stage = {k: since_substep_start(p[k]) if reference or x_ex == 'I_ex' else repr(conductance_mean(p[k], h))
                for k in ('tau_syn_ex', 'tau_syn_in')}
    if x_ex == 'g_ex':
        synaptic = (f"{at_stage['tau_syn_ex']}*g_ex*({p['e_ex']!r} - {vc})"
                    f" + {at_stage['tau_syn_in']}*g_in*({p['e_in']!r} - {vc})")
    else:
        synaptic = f"I_ex*{at_stage['tau_syn_ex']} + I_in*{at_stage['tau_syn_in']}"
    variables = f"{x_ex} : 1\n{x_in} : 1\n"
    decay = "".join(f"{x} = {x}*{half_decay(p[k], n)!r}*{half_decay(p[k], n)!r}\n"
                    for x, k in ((x_ex, 'tau_syn_ex'), (x_in, 'tau_syn_in')))
    refractory = refractory_steps(p)
    eqs = (f"dv/dt = ({p['g_l']!r}*({p['e_l']!r} - {vc}) + {spike_current} - w + {synaptic}"
           f" + I_c + {p['i_e']!r})/({p['c_m']!r}*ms) : 1" + (" (unless refractory)\n" if refractory else "\n")
           + f"dw/dt = ({p['a']!r}*({vc} - {p['e_l']!r}) - w)/({p['tau_w']!r}*ms) : 1\n"
           + variables + "I_c : 1 (constant)\nt0 : second\nspike_step : integer\nv_max : 1\n")
    g = NeuronGroup(pop['size'], eqs, threshold=f"v >= {peak!r}",
                    reset=f"v = {p['v_reset']!r}\nw += {p['b']!r}\nspike_step = t_in_timesteps // {n}",
                    # Engram holds v for the rest of the spike's step and t_ref / dt steps more.
                    refractory=f"t_in_timesteps < (spike_step + 1 + {refractory})*{n}" if refractory else False,
                    method='rk4' if reference else 'rk2', name=pop['name'])
    g.v = g.v_max = p['e_l']
    g.spike_step = NEVER_SPIKED
    # v_max: the highest v at a substep's end, for below_upstroke.
    return g, [g.run_regularly('t0 = t', when='before_groups'),
               g.run_regularly(decay + 'v_max = v_max + clip(v - v_max, 0, 1e9)', when='after_groups')]


def izhikevich_synapse_group(pop, n):
    """An izhikevich population with Engram's delta synapses: Euler substeps tested for the peak after each
    (spike_fixtures.izhikevich_group); at the step's end, after the last substep's test and reset, v takes
    the step's excitatory and then its inhibitory jumps, which the pathways add up in jump_ex and jump_in,
    and is tested again (the custom event `peak`, tested and reset in the 'end' slot, before the samples).
    `count` counts a neuron's spikes of the step for its relays, and `most` keeps the most it counted."""
    p = pop['params']
    g, _ = izhikevich_group(pop, DT_MS / n, variables='jump_ex : 1\njump_in : 1\ncount : integer\nmost : integer\n',
                            on_spike='\ncount += 1', events={'peak': 'v >= 30'})
    # Brian2 tests a threshold once a substep, before the pathways deliver: the jumps land after the reset
    # and meet a second test, a custom event. Two statements, so that sympy keeps Engram's order of the sums,
    # (v + excitatory) + inhibitory.
    land = g.run_regularly('v = v + jump_ex\nv = v + jump_in\njump_ex = 0\njump_in = 0', when='end', order=-3)
    g.thresholder['peak'].when, g.thresholder['peak'].order = 'end', -2
    g.run_on_event('peak', izhikevich_reset(p) + '\ncount += 1', when='end', order=-1)
    # The relays have read the last step's count at this step's first substep.
    clear = g.run_regularly("most = most + clip(count - most, 0, count)\n"
                            f"count = count*int(t_in_timesteps % {n} != 0)", when='after_thresholds')
    return g, [land, clear]


def counting_relays(group, n):
    """Relays of an izhikevich population, which may fire twice in a step: the k-th fires at the end of each
    step in which its neuron fired at least k times, so that the spikes leave one by one, as Engram's do."""
    relays = []
    for k in range(1, IZHIKEVICH_RELAYS + 1):
        r = NeuronGroup(len(group), 'count : integer (linked)', name=f"{group.name}_relay{k}", reset='',
                        threshold=f"count >= {k} and t_in_timesteps % {n} == 0")
        r.count = linked_var(group, 'count')
        relays.append(r)
    return relays


def below_upstroke(pop, group, n):
    """Whether an AdEx population with the exponential term stayed where Engram takes whole midpoint
    substeps: the upstroke time from its highest v, (c_m / g_l) (exp(-(v - v_th) / delta_t)
    - exp(-(v_peak - v_th) / delta_t)) (AdexKernel.upstrokeMs), at least UPSTROKE_PIECES substeps."""
    p = pop['params']
    if not pop['model'].startswith('adex') or p['delta_t'] == 0 or n == REFERENCE_SUBSTEPS:
        return True
    slope = lambda v: math.exp(-(v - p['v_th']) / p['delta_t'])
    return p['c_m'] / p['g_l'] * (slope(max(group.v_max)) - slope(p['v_peak'])) >= UPSTROKE_PIECES * SUBSTEP_MS


def hh_rates(v):
    """The gates' rates (1/ms) at v (mV), NEST's hh_psc_alpha, as Brian2 expressions of v or, given a
    number, as numbers (for the steady state at v_init)."""
    return dict(
        alpha_m=f"0.1*({v} + 40)/(1 - exp(-({v} + 40)/10))", beta_m=f"4*exp(-({v} + 65)/18)",
        alpha_h=f"0.07*exp(-({v} + 65)/20)", beta_h=f"1/(1 + exp(-({v} + 35)/10))",
        alpha_n=f"0.01*({v} + 55)/(1 - exp(-({v} + 55)/10))", beta_n=f"0.125*exp(-({v} + 65)/80)")


def hh_group(pop, n):
    """An hh_alpha population: classical Runge-Kutta (rk4) on v, m, h, n, the alpha currents
    (I + y s) exp(-s / tau) read at the stages' times s and advanced exactly after the update; a spike
    at the first substep end at or above 0 mV lower than the substep's start after a rise, once per step
    and not in the t_ref / dt steps after the spike's own; no reset."""
    p = pop['params']
    currents = []
    for x in ('ex', 'in'):
        tau = p['tau_syn_' + x]
        currents.append(f"(I_{x} + y_{x}*(t - t0)/ms)*{since_substep_start(tau)}")
    rates = ''.join(f"{name} = {rate} : 1\n" for name, rate in hh_rates('v').items())
    eqs = (f"dv/dt = ({' + '.join(currents)} + I_c + {p['i_e']!r} - {p['g_na']!r}*m**3*h*(v - {p['e_na']!r})"
           f" - {p['g_k']!r}*n**4*(v - {p['e_k']!r}) - {p['g_l']!r}*(v - {p['e_l']!r}))/({p['c_m']!r}*ms) : 1\n"
           + ''.join(f"d{x}/dt = (alpha_{x}*(1 - {x}) - beta_{x}*{x})/ms : 1\n" for x in 'mhn') + rates
           + "I_ex : 1\nI_in : 1\ny_ex : 1\ny_in : 1\nI_c : 1 (constant)\nt0 : second\n"
           "v_start : 1\nrising : 1\nspike_step : integer\n")
    advance = ''
    for x in ('ex', 'in'):
        d, half = half_decay(p['tau_syn_' + x], n), 0.5 * DT_MS / n
        # Engram's order: the current at the middle, then at the end from the drive at the middle.
        advance += (f"I_{x} = ((I_{x} + y_{x}*{half!r})*{d!r} + y_{x}*{d!r}*{half!r})*{d!r}\n"
                    f"y_{x} = y_{x}*{d!r}*{d!r}\n")
    refractory = refractory_steps(p)
    g = NeuronGroup(pop['size'], eqs, method='rk4', name=pop['name'],
                    threshold=(f"v >= 0 and v < v_start and rising > 0.5"
                               f" and t_in_timesteps // {n} > spike_step + {refractory}"),
                    reset=f"spike_step = t_in_timesteps // {n}")
    g.v = p['v_init']
    rest = {k: eval(r, {'exp': math.exp}) for k, r in hh_rates(repr(p['v_init'])).items()}
    for x in 'mhn':
        setattr(g, x, rest['alpha_' + x] / (rest['alpha_' + x] + rest['beta_' + x]))
    g.spike_step = NEVER_SPIKED
    return g, [g.run_regularly('t0 = t\nv_start = v', when='before_groups'),
               g.run_regularly(advance, when='after_groups'),
               # A rise in this substep, for the next substep's test.
               g.run_regularly('rising = int(v > v_start)', when='after_thresholds')]


def refractory_steps(p):
    return int(round(p['t_ref'] / DT_MS))


def spike_generator(pop, n):
    """A spike_times source emitting each time at the end of Engram's step for it, the grid time Engram
    gives it."""
    idx, ticks = [], []
    for i, times in enumerate(pop['times']):
        for t in times:
            idx.append(i)
            ticks.append((grid_step(t) + 1) * n)
    return SpikeGeneratorGroup(pop['size'], idx, np.array(ticks) * (DT_MS / n) * ms, name=pop['name'])


def relay(group, n):
    """Neurons that fire at the end of each step in which their neuron of `group` fired: Engram emits a
    spike at its step's end, wherever in the step the substep that fired lies. A spike sets `fired`, which
    the relay tests at the first substep of the next step."""
    r = NeuronGroup(len(group), 'fired : 1', threshold=f"fired > 0.5 and t_in_timesteps % {n} == 0",
                    reset='fired = 0', name=f"{group.name}_relay")
    s = Synapses(group, r, on_pre='fired_post = 1', name=f"{group.name}_to_relay")
    s.connect(j='i')
    return r, [r, s]


def pathway(target, source, group, inhibitory, rows, n):
    """The synapses from one population to another of one sign. The source (a spike generator, or a relay
    at the step's end) fires at the time Engram emits; Engram adds an input arriving at a step's end after
    the step's last substep, so Brian2's pathway, which runs after the substep's update, delivers it in
    that substep, one before the arrival time."""
    x = 'in' if inhibitory else 'ex'
    if target['model'] == 'hh_alpha':
        # A weight w adds w e / tau_syn to the drive, so that the current peaks at w (Engram's AlphaCurrent).
        on_pre = f"y_{x}_post += weight*{math.e!r}/{target['params']['tau_syn_' + x]!r}"
    elif target['model'] == 'adex_cond':
        # An inhibitory weight is negative and adds its magnitude to g_in.
        on_pre = f"g_{x}_post += {'-' if inhibitory else ''}weight"
    elif target['model'] == 'izhikevich':
        on_pre = f"jump_{x}_post += weight"
    else:
        on_pre = f"I_{x}_post += weight"
    # Not `w`, which is the AdEx models' adaptation current.
    syn = Synapses(source, group, 'weight : 1', on_pre=on_pre)
    rows = np.array(rows)
    syn.connect(i=rows[:, 0].astype(int), j=rows[:, 1].astype(int))
    syn.weight = rows[:, 2]
    syn.delay = (rows[:, 3] * n - 1) * (DT_MS / n) * ms
    return syn


def run_substeps(net_spec):
    """Builds and runs one network on Engram's substeps; returns its spikes and sampled variables as
    spike_fixtures.run_brian2 does."""
    start_scope()
    n = substeps_of(net_spec)
    defaultclock.dt = DT_MS / n * ms
    builders = {'adex': adex_group, 'adex_cond': adex_group, 'hh_alpha': hh_group,
                'izhikevich': izhikevich_synapse_group}
    groups, senders, relays, objects = {}, {}, {}, []
    for pop in net_spec['populations']:
        if pop['model'] == 'spike_times':
            g = spike_generator(pop, n)
            senders[pop['name']] = [g]
            objects.append(g)
            continue
        g, extra = builders[pop['model']](pop, n)
        if 'currents' in pop:
            g.I_c = np.array(pop['currents'])
        if pop['model'] == 'izhikevich':
            senders[pop['name']] = relays[pop['name']] = counting_relays(g, n)
            objects += relays[pop['name']]
        else:
            sender, relayed = relay(g, n)
            senders[pop['name']] = [sender]
            objects += relayed
        groups[pop['name']] = g
        objects += [g] + extra
    by_pathway = {}
    for src_pop, src, tgt_pop, tgt, w, delay in net_spec['synapses']:
        by_pathway.setdefault((src_pop, tgt_pop, w < 0), []).append((src, tgt, w, delay))
    for (src_pop, tgt_pop, inhibitory), rows in by_pathway.items():
        target = next(p for p in net_spec['populations'] if p['name'] == tgt_pop)
        objects += [pathway(target, sender, groups[tgt_pop], inhibitory, rows, n) for sender in senders[src_pop]]
    spike_monitors = {name: SpikeMonitor(g) for name, g in groups.items() if name not in relays}
    relay_monitors = {name: [SpikeMonitor(r) for r in rs] for name, rs in relays.items()}
    state_monitors = state_monitors_of(net_spec, groups)
    net = Network(objects, list(spike_monitors.values()), [m for ms_ in relay_monitors.values() for m in ms_],
                  [m for _, m in state_monitors.values()])
    # The relays pass a step's spikes on at the next step's start: one step more gives those of the last.
    net.run((net_spec['duration_ms'] + (DT_MS if relays else 0)) * ms, namespace={})
    for pop in net_spec['populations']:
        assert pop['name'] not in groups or below_upstroke(pop, groups[pop['name']], n), \
            f"{net_spec['name']}: {pop['name']} went up an upstroke, which Engram cuts into pieces"
        assert pop['name'] not in relays or max(groups[pop['name']].most) <= IZHIKEVICH_RELAYS, \
            f"{net_spec['name']}: a neuron of {pop['name']} fired more often in a step than it has relays"
    spikes = spikes_in_steps(net_spec, spike_monitors, n)
    # A relay merges a neuron's spikes of one step, which Engram would deliver one by one.
    assert len(set(spikes)) == len(spikes), f"{net_spec['name']}: a neuron fired twice in a step"
    if n == REFERENCE_SUBSTEPS:
        spikes = with_times(spike_monitors, n)
    if relays:
        spikes = sorted(spikes + relayed_spikes(relay_monitors, net_spec['duration_ms'], n),
                        key=lambda x: (x[2], x[0], x[1]))
    return spikes, sampled(net_spec, state_monitors, n)


def substeps_of(net_spec):
    """The substeps a step of Brian2's clock: the reference's, else Engram's substeps of the network's model."""
    if 'reference_substeps' in net_spec:
        return net_spec['reference_substeps']
    models = {p['model'] for p in net_spec['populations']} - {'spike_times'}
    assert models <= {'izhikevich'} or 'izhikevich' not in models, \
        f"{net_spec['name']}: izhikevich's substeps are not the other models'"
    return IZHIKEVICH_SUBSTEPS if 'izhikevich' in models else SUBSTEPS


def relayed_spikes(relay_monitors, duration_ms, n):
    """The spikes of the populations with counting relays, (population, neuron, step), as often as the neuron
    fired in the step: a relay's spike at the start of step s + 1 is one of step s."""
    spikes = []
    for name, monitors in relay_monitors.items():
        for mon in monitors:
            ticks = np.rint(np.asarray(mon.t / ms) / (DT_MS / n)).astype(int)
            spikes += [(name, int(i), int(k // n) - 1) for i, k in zip(np.asarray(mon.i), ticks)]
    assert all(s[2] < round(duration_ms / DT_MS) for s in spikes)
    return spikes


def with_times(spike_monitors, n):
    """The reference's spikes with their times: (population, neuron, step, ms), the time being the end of
    the substep whose update crossed v_peak (within 0.001 ms after the crossing), by time."""
    spikes = []
    for name, mon in spike_monitors.items():
        ticks = np.rint(np.asarray(mon.t / ms) / (DT_MS / n)).astype(int)
        spikes += [(name, int(i), int(k // n), (k + 1) * DT_MS / n) for i, k in zip(np.asarray(mon.i), ticks)]
    return sorted(spikes, key=lambda x: (x[3], x[0], x[1]))


if __name__ == '__main__':
    write_fixtures(__doc__, networks(), run_substeps)
