#!/usr/bin/python3
"""Runs Engram's plasticity rules in Brian2 on small deterministic networks and writes spikes and weights.

The rules are pair_stdp (additive and multiplicative, all-to-all and nearest pairing), triplet_stdp
(Pfister and Gerstner 2006), vogels_sprekeler (Vogels et al. 2011) and reward_stdp (Izhikevich 2007),
written here from their formulas with Brian2's own STDP idiom: traces as event-driven variables of the
synapses, updated by the pathways' code; a network operation gives reward_stdp its rewards. The
neurons, spike-time inputs and synaptic delivery are those of spike_fixtures.py beside this file, whose
conventions this script imports; README.md beside it lists the ones plasticity adds. Each network goes
into the test resources of ``Brian2PlasticityTest`` (learning module) as:

  <network>/network.txt   the description, one item a line (words separated by spaces, `#` a comment):
        dt_ms DT, duration_ms T          the step and the run's length (ms)
        samples_ms T...                  the times (ms) at which the weights are written, the end included
        population NAME MODEL SIZE K=V   Engram's model name, its parameters by Engram's names
        times NAME NEURON T...           the spike times (ms) of one neuron of a spike_times source
        currents NAME I...               a constant current per neuron (pA)
        projection NAME SOURCE TARGET RECEPTOR [RULE K=V...]
                                         a projection, static or with a plasticity rule by Engram's
                                         name and parameter names, then one synapse a line: source
                                         neuron, target neuron, initial weight (mV), delay in steps
        record_every STEPS, record NAME NEURON       the sampling interval of potentials, the neurons sampled
        reward T R                       a reward R to every reward_stdp projection at time T (ms), a
                                         step's end: after that step's spikes, before the next step
  <network>/spikes.csv    population,neuron,step: every spike of a neuron population, step s being
                          Engram's step that ends at (s + 1) dt
  <network>/weights.csv   projection,source,target,time_ms,w: every plastic synapse's weight (mV) at
                          each sample time
  <network>/v.csv         population,neuron,step,v_mV: the potential after step `step` (where sampled)

Run it with Debian's Brian2 (the interpreter that has it is /usr/bin/python3):

  /usr/bin/python3 simulator/brian2/plasticity_fixtures.py [OUTPUT_DIR] [--break CONVENTION]

--break leaves out one of the conventions (README.md), to show that the test catches it.
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spike_fixtures import (DT_MS, as_float32, describe_populations, grid_step, lif_group, sampled,  # noqa: E402
                            spike_generator, write_csv)
from brian2 import (Network, SpikeMonitor, StateMonitor, Synapses, __version__ as brian2_version,  # noqa: E402
                    check_units, defaultclock, ms, mV, network_operation, prefs, second, start_scope)

DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'learning', 'src', 'test',
                           'resources', 'org', 'engram', 'learning', 'plasticity', 'brian2')
CONVENTIONS = ('float_weights', 'emission_pairing', 'pre_first', 'weight_at_emission', 'one_clip',
               'reward_after_spikes')
BROKEN = set()


@check_units(x=1, result=1)
def as_float(x):
    """Engram stores each weight as a float, rounding the rule's double result at every write."""
    if 'float_weights' in BROKEN:
        return np.asarray(x, dtype=np.float64)
    return np.asarray(x, dtype=np.float32).astype(np.float64)


# ---------------------------------------------------------------- the networks

LIF = dict(tau_m=10.0, c_m=250.0, e_l=-70.0, v_th=-55.0, v_reset=-70.0, t_ref=2.0, i_e=0.0)
KICK_MV = 50.0


def pairing_inputs():
    """Post neurons made to fire by kicks (a kick sent at t fires its neuron at t + dt), and presynaptic
    trains at chosen lags from them: before (potentiation, to w_max), after (depression, to w_min), at
    the same step, in bursts (triplets), and off the grid."""
    post0 = [10.0 + 20.0 * k for k in range(10)]                 # fires at 10.1, 30.1, ...
    post1 = [t for k in range(5) for t in (15.0 + 40.0 * k, 20.0 + 40.0 * k)]     # doublets 5 ms apart
    post2 = [7.0, 33.3, 61.2, 103.0, 140.7, 171.1, 200.0]
    pre = [[t + 0.1 - 2.0 for t in post0],                       # 2 ms before post0
           [t + 0.1 + 3.0 for t in post0],                       # 3 ms after post0
           sorted([t + 0.1 for t in post1[::2]] + [t + 0.1 for t in post2]),   # the step of post1's and post2's
           [4.0, 4.0 + 6.0, 50.0, 56.0, 120.0, 126.0, 190.0, 196.0],   # pre doublets (r2)
           [5.35, 12.34, 40.05, 99.99, 150.55]]                  # off the grid
    pops = [dict(name='pre', model='spike_times', size=len(pre), times=pre),
            dict(name='kick', model='spike_times', size=3, times=[post0, post1, post2]),
            dict(name='post', model='lif_delta', size=3, params=LIF)]
    kicks = [('kick_post', 'kick', 'post', 'excitatory', None, [(j, j, KICK_MV, 1) for j in range(3)])]
    # All to all, delays of 1 to 15 steps: pairing goes by emission, not arrival. Those of pre 2, which fires
    # at the steps of post1's and post2's spikes, are longer than the refractory period, so that its spikes
    # arrive when the target takes them, and what they deliver shows which weight a spike carries.
    plastic = [(i, j, 0.5, 25 + 5 * j if i == 2 else 1 + (3 * i + 5 * j) % 15)
               for i in range(len(pre)) for j in range(3)]
    return pops, kicks, plastic


def pair_stdp():
    pops, static, plastic = pairing_inputs()
    projections = list(static)
    for dependence in ('additive', 'multiplicative'):
        for pairing in ('all_to_all', 'nearest'):
            rule = ('pair_stdp', dict(a_plus=0.15, a_minus=0.18, tau_plus=16.8, tau_minus=10.0, w_min=0.0,
                                      w_max=1.0, dependence=dependence, pairing=pairing))
            projections.append((f'{dependence}_{pairing}', 'pre', 'post', 'excitatory', rule, plastic))
    # On inhibitory synapses the bounds are <= 0 and potentiation moves a weight towards w_max = 0.
    rule = ('pair_stdp', dict(a_plus=0.15, a_minus=0.18, tau_plus=16.8, tau_minus=10.0, w_min=-1.0, w_max=0.0,
                              dependence='additive', pairing='all_to_all'))
    projections.append(('additive_inhibitory', 'pre', 'post', 'inhibitory', rule,
                        [(i, j, -0.5, d) for i, j, _, d in plastic]))
    return dict(duration_ms=220.0, samples_ms=[50.0, 100.0, 150.0], populations=pops, projections=projections,
                record=[('post', 1)], record_every=10)


def triplet_stdp():
    pops, static, plastic = pairing_inputs()
    full = ('triplet_stdp', dict(a2_plus=0.05, a3_plus=0.1, a2_minus=0.07, a3_minus=0.02, tau_plus=16.8,
                                 tau_minus=33.7, tau_x=101.0, tau_y=125.0, w_min=0.0, w_max=1.0))
    # The minimal model (A3- = 0) with a floor above 0.
    minimal = ('triplet_stdp', dict(a2_plus=0.0, a3_plus=0.12, a2_minus=0.1, a3_minus=0.0, tau_plus=16.8,
                                    tau_minus=33.7, tau_x=101.0, tau_y=125.0, w_min=0.25, w_max=0.875))
    projections = list(static) + [('full', 'pre', 'post', 'excitatory', full, plastic),
                                  ('minimal', 'pre', 'post', 'excitatory', minimal, plastic)]
    return dict(duration_ms=220.0, samples_ms=[50.0, 100.0, 150.0], populations=pops, projections=projections)


def vogels_sprekeler():
    """Inhibitory sources onto neurons that fire on their own (fast, slow), one kicked at the steps of
    some presynaptic spikes; the same rule on an excitatory projection."""
    rng = np.random.default_rng(3)
    kicked = [20.0, 60.0, 100.0, 140.0]
    inh = [regular_train(rng, 25.0, 200.0) for _ in range(4)] + [[t + 0.1 for t in kicked]]
    exc = [regular_train(rng, 25.0, 200.0) for _ in range(2)]
    params = dict(LIF, i_e=0.0)
    pops = [dict(name='inh', model='spike_times', size=len(inh), times=inh),
            dict(name='exc', model='spike_times', size=len(exc), times=exc),
            dict(name='kick', model='spike_times', size=1, times=[kicked]),
            # 1500 pA gives 60 mV over rest, far past threshold (fast); 640 pA 25.6 mV (slow, just above).
            dict(name='post', model='lif_delta', size=3, currents=[1500.0, 640.0, 0.0], params=params)]
    # alpha 1: a target rate of 25 Hz, which the fast neurons pass (inhibition to -w_max) and the kicked one
    # does not (to 0).
    vs = ('vogels_sprekeler', dict(tau=20.0, eta=0.6, alpha=1.0, w_max=3.0))
    projections = [('kick_post', 'kick', 'post', 'excitatory', None, [(0, 2, KICK_MV, 1)]),
                   ('inh_plastic', 'inh', 'post', 'inhibitory', vs,
                    [(i, j, -1.5, 1 + (2 * i + 7 * j) % 12) for i in range(len(inh)) for j in range(3)]),
                   ('exc_plastic', 'exc', 'post', 'excitatory', vs,
                    [(i, j, 1.5, 1 + (5 * i + 3 * j) % 12) for i in range(len(exc)) for j in range(3)])]
    return dict(duration_ms=200.0, samples_ms=[50.0, 100.0, 150.0], populations=pops,
                projections=projections)


def regular_train(rng, mean_isi_ms, duration_ms, min_isi_ms=2.5):
    """Spike times on the grid with intervals of at least min_isi_ms: longer than any delay, so that a
    spike is delivered before the next one of its source (README.md, "The weight a spike delivers")."""
    times, t = [], float(rng.uniform(0, mean_isi_ms))
    while t < duration_ms - 1:
        times.append(round(t, 1))
        t += min_isi_ms + float(rng.exponential(mean_isi_ms - min_isi_ms))
    return times


def plastic_recurrent():
    """40 inputs onto 24 excitatory neurons with pair STDP, triplet STDP among the excitatory neurons and
    Vogels-Sprekeler plasticity from 6 inhibitory ones, 300 ms: the weights decide the spikes, so one
    early difference in a weight would move every later one."""
    rng = np.random.default_rng(5)
    n_in, n_exc, n_inh = 40, 24, 6
    inputs = [regular_train(rng, 50.0, 300.0) for _ in range(n_in)]
    params = dict(tau_m=20.0, c_m=250.0, e_l=0.0, v_th=20.0, v_reset=10.0, t_ref=2.0, i_e=0.0)

    def currents(n):
        return [float(x) for x in np.round(rng.uniform(200.0, 260.0, n) * 4) / 4]

    pops = [dict(name='in', model='spike_times', size=n_in, times=inputs),
            dict(name='exc', model='lif_delta', size=n_exc, currents=currents(n_exc), params=params),
            dict(name='inh', model='lif_delta', size=n_inh, currents=currents(n_inh), params=params)]

    def fixed_in(n_src, n_tgt, k, weight, same=False):
        rows = []
        for j in range(n_tgt):
            pool = [i for i in range(n_src) if not (same and i == j)]
            for i in sorted(rng.choice(pool, k, replace=False)):
                rows.append((int(i), j, weight(), int(rng.integers(1, 21))))
        return rows

    def quarter(low, high):
        return lambda: float(np.round(rng.uniform(low, high) * 4) / 4)

    pair = ('pair_stdp', dict(a_plus=0.5, a_minus=0.55, tau_plus=16.8, tau_minus=33.7, w_min=0.0, w_max=6.0,
                              dependence='additive', pairing='all_to_all'))
    triplet = ('triplet_stdp', dict(a2_plus=0.1, a3_plus=0.3, a2_minus=0.3, a3_minus=0.05, tau_plus=16.8,
                                    tau_minus=33.7, tau_x=101.0, tau_y=125.0, w_min=0.0, w_max=4.0))
    vs = ('vogels_sprekeler', dict(tau=20.0, eta=0.25, alpha=0.2, w_max=5.0))
    projections = [('in_exc', 'in', 'exc', 'excitatory', pair, fixed_in(n_in, n_exc, 10, quarter(1.0, 3.0))),
                   ('exc_exc', 'exc', 'exc', 'excitatory', triplet,
                    fixed_in(n_exc, n_exc, 4, quarter(0.5, 2.0), True)),
                   ('exc_inh', 'exc', 'inh', 'excitatory', None, fixed_in(n_exc, n_inh, 6, quarter(1.0, 2.0))),
                   ('inh_exc', 'inh', 'exc', 'inhibitory', vs, fixed_in(n_inh, n_exc, 3, quarter(-2.0, -0.5)))]
    return dict(duration_ms=300.0, samples_ms=[150.0], populations=pops, projections=projections)


def reward_stdp():
    """The pairing trains through reward_stdp on excitatory synapses and on inhibitory ones (bounds -1 and
    0), and rewards of both signs, large enough to take weights to either bound: pre 0 fires 2 ms before
    post 0 and pre 1 3 ms after it, leaving eligibilities of either sign. Two rewards come at instants with spikes (post 1 and pre 2 at 55.1
    ms, post 2 and pre 2 at 103.1 ms), whose eligibility changes come first, and pre 2's spikes carry the
    weight from before the reward (their delays, 2.5 ms and more, end past it)."""
    pops, static, plastic = pairing_inputs()
    params = dict(a_plus=0.15, a_minus=0.18, tau_plus=16.8, tau_minus=10.0, tau_c=40.0, eta=2.5)
    projections = list(static) + [
        ('reward_excitatory', 'pre', 'post', 'excitatory', ('reward_stdp', dict(params, w_min=0.0, w_max=1.0)),
         plastic),
        ('reward_inhibitory', 'pre', 'post', 'inhibitory', ('reward_stdp', dict(params, w_min=-1.0, w_max=0.0)),
         [(i, j, -0.5, d) for i, j, _, d in plastic])]
    rewards = [(25.0, 1.0), (55.1, -2.0), (80.0, 3.0), (103.1, -1.5), (135.0, 2.0), (180.0, -3.0), (205.0, 4.0)]
    return dict(duration_ms=220.0, samples_ms=[50.0, 100.0, 150.0], populations=pops, projections=projections,
                rewards=rewards, record=[('post', 1)], record_every=10)


def networks():
    return {'pair_stdp': pair_stdp(), 'triplet_stdp': triplet_stdp(), 'vogels_sprekeler': vogels_sprekeler(),
            'plastic_recurrent': plastic_recurrent(), 'reward_stdp': reward_stdp()}


# ---------------------------------------------------------------- Brian2 side


def trace(name, tau_ms):
    return f"d{name}/dt = -{name}/({tau_ms!r}*ms) : 1 (event-driven)\n"


def spike_added(name, pairing='all_to_all'):
    """A spike adds 1 to a trace (all-to-all) or sets it to 1 (nearest: Morrison et al. 2008)."""
    return f"{name} = 1" if pairing == 'nearest' else f"{name} += 1"


def rule_code(rule, receptor):
    """The rule's traces (model) and its code at a presynaptic and a postsynaptic spike, on a weight w
    in mV, each change clipped to the bounds and rounded to a float as Engram stores it."""
    kind, p = rule
    if kind == 'pair_stdp':
        low, high = p['w_min'], p['w_max']
        multiplicative = p['dependence'] == 'multiplicative'
        f_minus = f"(w - {low!r})" if multiplicative else "1"
        f_plus = f"({high!r} - w)" if multiplicative else "1"
        model = trace('xpre', p['tau_plus']) + trace('ypost', p['tau_minus'])
        on_pre = (f"w = as_float(clip(w - {p['a_minus']!r}*ypost*{f_minus}, {low!r}, {high!r}))\n"
                  + spike_added('xpre', p['pairing']))
        on_post = (f"w = as_float(clip(w + {p['a_plus']!r}*xpre*{f_plus}, {low!r}, {high!r}))\n"
                   + spike_added('ypost', p['pairing']))
    elif kind == 'triplet_stdp':
        low, high = p['w_min'], p['w_max']
        model = (trace('r1', p['tau_plus']) + trace('r2', p['tau_x']) + trace('o1', p['tau_minus'])
                 + trace('o2', p['tau_y']))
        # r2 and o2 are read before the spike's own increment: statements run in order.
        on_pre = (f"w = as_float(clip(w - o1*({p['a2_minus']!r} + {p['a3_minus']!r}*r2), {low!r}, {high!r}))\n"
                  "r1 += 1\nr2 += 1")
        on_post = (f"w = as_float(clip(w + r1*({p['a2_plus']!r} + {p['a3_plus']!r}*o2), {low!r}, {high!r}))\n"
                   "o1 += 1\no2 += 1")
    elif kind == 'reward_stdp':
        # Pairs change only the eligibility c (all-to-all); the weight changes at rewards (rewarding).
        model = trace('xpre', p['tau_plus']) + trace('ypost', p['tau_minus']) + trace('c', p['tau_c'])
        on_pre = f"c -= {p['a_minus']!r}*ypost\nxpre += 1"
        on_post = f"c += {p['a_plus']!r}*xpre\nypost += 1"
    else:
        # Vogels-Sprekeler changes the magnitude and keeps the receptor's sign.
        sign, low, high = (-1, -p['w_max'], 0.0) if receptor == 'inhibitory' else (1, 0.0, p['w_max'])
        model = trace('xpre', p['tau']) + trace('xpost', p['tau'])
        on_pre = (f"w = as_float(clip(w + {sign}*{p['eta']!r}*(xpost - {p['alpha']!r}), {low!r}, {high!r}))\n"
                  "xpre += 1")
        if 'one_clip' in BROKEN:
            # NEST's vogels_sprekeler_synapse clips after each of the two terms.
            on_pre = (f"w = clip(w + {sign}*{p['eta']!r}*xpost, {low!r}, {high!r})\n"
                      f"w = as_float(clip(w - {sign}*{p['eta']!r}*{p['alpha']!r}, {low!r}, {high!r}))\n"
                      "xpre += 1")
        on_post = (f"w = as_float(clip(w + {sign}*{p['eta']!r}*xpre, {low!r}, {high!r}))\n"
                   "xpost += 1")
    return model, on_pre, on_post


def projection(groups, name, source, target, receptor, rule, rows):
    """One projection onto lif_delta neurons. Its spikes are delivered as spike_fixtures.py delivers them
    (before the thresholds, a Brian2 delay of d - 1 steps); a plastic one changes its weights in two more
    pathways at the spikes' own steps, the presynaptic one before the postsynaptic one, and a spike
    delivers the weight it left (w_sent), as Engram delivers a spike after its presynaptic update."""
    rows = np.array(rows)
    delay_steps = rows[:, 3].astype(int)
    if rule is None:
        syn = Synapses(groups[source], groups[target], 'w : 1', on_pre='v_post += w*mV', name='projection_' + name)
        transmit = syn.pre
    else:
        model, on_pre, on_post = rule_code(rule, receptor)
        sent = 'w' if 'weight_at_emission' in BROKEN else 'w_sent'
        syn = Synapses(groups[source], groups[target], 'w : 1\nw_sent : 1\n' + model,
                       on_pre={'pre': on_pre + '\nw_sent = w', 'transmit': f'v_post += {sent}*mV'},
                       on_post=on_post, name='projection_' + name)
        transmit = syn.transmit
    syn.connect(i=rows[:, 0].astype(int), j=rows[:, 1].astype(int))
    syn.w = rows[:, 2]
    transmit.delay = (delay_steps - 1) * DT_MS * ms
    transmit.when = 'before_thresholds'
    transmit.order = 0
    if rule is not None:
        syn.w_sent = rows[:, 2]
        # Engram pairs spikes by their emission (PlasticityRule): the plastic pathway has no delay. Broken,
        # it pairs at arrival, as Brian2's examples do.
        syn.pre.delay = ((delay_steps - 1) * DT_MS * ms if 'emission_pairing' in BROKEN else 0 * ms)
        if 'pre_first' in BROKEN:
            syn.pre.order, syn.post.order = 1, -1
    return syn


def run_brian2(spec):
    """Builds and runs one network in Brian2, in pieces that end at the sample times; returns its spikes
    (population, neuron, step) and the plastic weights (projection, source, target, time, w) and the
    sampled potentials (population, neuron, step, mV)."""
    start_scope()
    defaultclock.dt = DT_MS * ms
    prefs.codegen.target = 'numpy'
    groups, objects = {}, []
    for pop in spec['populations']:
        if pop['model'] == 'spike_times':
            g = spike_generator(pop)
        else:
            g, extra = lif_group(pop)
            objects += extra
        groups[pop['name']] = g
        objects.append(g)
    synapses = {p[0]: projection(groups, *p) for p in spec['projections']}
    monitors = {name: SpikeMonitor(g) for name, g in groups.items()
                if next(p for p in spec['populations'] if p['name'] == name)['model'] != 'spike_times'}
    potentials = {}
    for name in dict.fromkeys(p for p, _ in spec.get('record', [])):
        neurons = sorted(n for p, n in spec['record'] if p == name)
        # 'end': after the reset, as Engram samples a step.
        potentials[name] = (neurons, StateMonitor(groups[name], 'v', record=neurons, when='end'))
    net = Network(objects, list(synapses.values()), list(monitors.values()), [m for _, m in potentials.values()],
                  rewarding(spec, synapses))
    weights, done = [], 0.0
    for until in spec['samples_ms'] + [spec['duration_ms']]:
        net.run((until - done) * ms, namespace={'as_float': as_float})
        done = until
        for name, source, target, receptor, rule, rows in spec['projections']:
            if rule is not None:
                syn = synapses[name]
                weights += [(name, int(i), int(j), until, float(w))
                            for i, j, w in zip(syn.i[:], syn.j[:], syn.w[:])]
    spikes = []
    for name, mon in monitors.items():
        steps = np.rint(np.asarray(mon.t / ms) / DT_MS).astype(int)
        spikes += [(name, int(i), int(s)) for i, s in zip(np.asarray(mon.i), steps)]
    spikes.sort(key=lambda x: (x[2], x[0], x[1]))
    return spikes, weights, sampled(spec, potentials, 1)['v'] if potentials else []


def rewarding(spec, synapses):
    """The network's rewards, as a network operation that runs in Brian2's step of each reward's Engram step,
    after the synapses' pathways (when='end'): a reward R at T changes each weight of a reward_stdp projection
    by eta R c(T), c decayed from the synapse's last event, clipped and rounded to a float. Broken, it runs
    before the pathways, so that the eligibility changes of the reward's instant miss it."""
    rewards = {grid_step(t): r for t, r in spec.get('rewards', [])}
    plastic = [(synapses[name], rule[1]) for name, _, _, _, rule, _ in spec['projections']
               if rule is not None and rule[0] == 'reward_stdp']

    @network_operation(when='before_synapses' if 'reward_after_spikes' in BROKEN else 'end')
    def reward(t):
        r = rewards.get(int(round(float(t / ms) / DT_MS)))
        if r is None:
            return
        for syn, p in plastic:
            # Brian2's times are steps' starts in seconds, Engram's their ends in ms: only the difference enters.
            c = syn.c[:] * np.exp(-(float(t / second) - syn.lastupdate_[:]) / (p['tau_c'] * 1e-3))
            syn.w[:] = as_float(np.clip(syn.w[:] + p['eta'] * r * c, p['w_min'], p['w_max']))
    return reward


# ---------------------------------------------------------------- fixture files


def check(name, spec):
    """What the conventions need of a network: weights a float holds, no source that fires again before its
    last spike is delivered (a spike delivers the weight its emission left), rewards at steps' ends."""
    for t, r in spec.get('rewards', []):
        assert abs(t / DT_MS - round(t / DT_MS)) < 1e-9 and t > 0, f"{name}: reward at {t} ms, not a step's end"
    times = [grid_step(t) for t, _ in spec.get('rewards', [])]
    assert len(set(times)) == len(times), f"{name}: two rewards in one step"
    longest = {}
    for pname, source, target, receptor, rule, rows in spec['projections']:
        for i, j, w, d in rows:
            assert w == as_float32(w), f"{name}: weight {w} is not a float"
            assert (w <= 0) == (receptor == 'inhibitory') or w == 0, f"{name}: weight {w} of {receptor} {pname}"
            if rule is not None:
                longest[(source, i)] = max(longest.get((source, i), 0), d)
    for (source, i), delay in longest.items():
        pop = next(p for p in spec['populations'] if p['name'] == source)
        if pop['model'] == 'spike_times':
            gaps = np.diff([grid_step(t) for t in pop['times'][i]])
            assert len(gaps) == 0 or gaps.min() >= delay, \
                f"{name}: {source} {i} fires {gaps.min()} steps after a spike, its delays reach {delay}"
        else:
            # A neuron fires again at the earliest t_ref / dt + 1 steps after a spike.
            assert round(pop['params']['t_ref'] / DT_MS) + 1 >= delay, f"{name}: {source} {i}'s delays too long"


def describe(spec):
    lines = [f"# written by simulator/brian2/plasticity_fixtures.py with Brian2 {brian2_version}",
             f"dt_ms {DT_MS!r}", f"duration_ms {spec['duration_ms']!r}",
             "samples_ms " + ' '.join(repr(t) for t in spec['samples_ms'] + [spec['duration_ms']])]
    lines += describe_populations(spec['populations'])
    for name, source, target, receptor, rule, rows in spec['projections']:
        plasticity = '' if rule is None else ' ' + rule[0] + ' ' + ' '.join(
            f"{k}={v if isinstance(v, str) else repr(v)}" for k, v in rule[1].items())
        lines.append(f"projection {name} {source} {target} {receptor}{plasticity}")
        lines += [f"{i} {j} {float(w)!r} {d}" for i, j, w, d in rows]
    if 'record' in spec:
        lines.append(f"record_every {spec['record_every']}")
        lines += [f"record {name} {neuron}" for name, neuron in spec['record']]
    lines += [f"reward {t!r} {r!r}" for t, r in spec.get('rewards', [])]
    return '\n'.join(lines) + '\n'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('out', nargs='?', default=DEFAULT_OUT,
                        help='folder for the fixtures (default: the test resources)')
    parser.add_argument('--break', dest='broken', choices=CONVENTIONS, action='append', default=[],
                        help='leave out a convention (README.md), to see the test fail')
    args = parser.parse_args()
    BROKEN.update(args.broken)
    for name, spec in networks().items():
        check(name, spec)
        spikes, weights, potentials = run_brian2(spec)
        folder = os.path.join(args.out, name)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, 'network.txt'), 'w') as f:
            f.write(describe(spec))
        write_csv(folder, 'spikes.csv', 'population,neuron,step', spikes)
        write_csv(folder, 'weights.csv', 'projection,source,target,time_ms,w', weights)
        if potentials:
            write_csv(folder, 'v.csv', 'population,neuron,step,v_mV', potentials)
        print(f"{name}: {len(spikes)} spikes, {len(weights)} weights")


if __name__ == '__main__':
    main()
