#!/usr/bin/python3
"""The networks of `engram bench` (cuba, coba, brunel) built in Brian2, for statistics and speed.

Run with Debian's interpreter, which has Brian2 2.5.1 (python3-brian):

    /usr/bin/python3 simulator/brian2/networks.py cuba --neurons 16000 --duration-ms 1000 \
        --device cpp_standalone --threads 2 --seed 1

One call simulates one network once and prints one JSON line, with the keys of `engram bench --json`
where they apply (network, neurons, synapses, duration_ms, dt_ms, threads, seed, setup_seconds,
loop_seconds, spikes, mean_rate_hz) plus `cv_isi_mean`, `populations` (rate and CV per population, as
`engram simulate`'s summary.json gives them) and `simulator`. `loop_seconds` is the wall-clock time of
the simulation loop alone, spike recording included, as Engram's: Network.run's loop in runtime mode
(`device._last_run_time`), the binary's network.run on the monotonic clock in standalone mode (where
Brian2's own figure is CPU time on one thread). `setup_seconds` is everything else of the call from
the first object built: building the synapses, code generation and, in standalone mode, compilation
(also given alone as `compile_seconds`) and the binary's set-up and writing of its results.

Each network follows Engram's definition (simulator/src/main/java/org/engram/simulator/reference and
README.md, "engram bench"). Where Brian2's schedule differs from Engram's grid, the script moves
Brian2 so that both compute the same steps:
- Refractoriness: Brian2 integrates a neuron again at the step whose start lies t_ref after the step
  it spiked in, so it holds the potential for t_ref / dt - 1 updates; Engram holds it for t_ref / dt
  (and drops delta input arriving in them). Brian2 is given t_ref + dt.
- Delta synapses (brunel): Engram adds an input arriving at a step's end before that step's threshold
  check. Brian2 delivers spikes after the threshold check, so its pathway and the external drive run
  in the 'before_thresholds' slot; a pathway there pushes the spikes of the previous step, so its
  delay is Engram's less one step.
- Current and conductance synapses (cuba, coba): Engram adds an arrival to the synaptic variable
  after the step's membrane update, as Brian2's 'synapses' slot does: the delay is the same, dt.
- coba: Engram integrates V over a step with each conductance replaced by its exact mean over the
  step, then exactly; Brian2's exponential Euler with the conductances scaled by that mean factor in
  the membrane equation computes the same update.
Brian2 labels a spike with the start of its step, Engram with the end, which moves no interval.
The random draws (connections, initial states, Poisson counts) come from Brian2's and numpy's
generators, so spike trains differ from Engram's and compare only in their statistics (given
Engram's own CUBA network and initial state, Brian2 gave Engram's spike counts: simulator/PERFORMANCE.md).
"""
import argparse
import json
import os
import sys
import tempfile
import time
import warnings

import numpy as np

# Debian's pythran, which Brian2 imports, warns of numpy's deprecations on every start.
warnings.filterwarnings('ignore', category=FutureWarning, module='pythran')

NETWORKS = ('cuba', 'coba', 'brunel')
SMALLEST = {'cuba': 80, 'coba': 80, 'brunel': 25}
DEFAULT_NEURONS = {'cuba': 4000, 'coba': 4000, 'brunel': 12500}
# Where the standalone binary writes its loop's wall-clock seconds, relative to the project folder.
LOOP_FILE = 'results/loop_wall_seconds.txt'


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('network', choices=NETWORKS)
    parser.add_argument('--neurons', type=int, help='total neurons (cuba, coba: 4000; brunel: 12500)')
    parser.add_argument('--duration-ms', type=float, default=1000.0)
    parser.add_argument('--threads', type=int, default=1, help='OpenMP threads (cpp_standalone only)')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--device', choices=('runtime', 'cpp_standalone'), default='cpp_standalone')
    parser.add_argument('--build-dir', help='cpp_standalone project folder (default: one per workload '
                        'under the system temporary folder, so a repeated workload recompiles nothing)')
    args = parser.parse_args(argv)
    if args.neurons is None:
        args.neurons = DEFAULT_NEURONS[args.network]
    if args.neurons < SMALLEST[args.network]:
        parser.error(f'--neurons: expected an integer >= {SMALLEST[args.network]} for {args.network}, '
                     f'found {args.neurons}')
    steps = args.duration_ms / 0.1
    if not (args.duration_ms > 0 and abs(steps - round(steps)) < 1e-9):
        parser.error(f'--duration-ms: expected a positive whole number of 0.1 ms steps, found {args.duration_ms}')
    if not 1 <= args.threads <= 1024:
        parser.error(f'--threads: expected 1 to 1024, found {args.threads}')
    if args.device == 'runtime' and args.threads != 1:
        parser.error(f'--threads: the runtime device runs on one thread, found {args.threads}')
    if args.seed < 0:
        parser.error(f'--seed: expected an integer >= 0, found {args.seed}')
    return args


def java_round(x):
    """Math.round of Java (half up), as Engram sizes its populations."""
    return int(np.floor(x + 0.5))


def vogels_abbott_groups(b2, neurons, model, params, threshold, reset, refractory, method):
    """The populations of Engram's VogelsAbbottWiring: 80% of the neurons (rounded) excitatory."""
    ne = java_round(neurons * 0.8)
    exc = b2.NeuronGroup(ne, model, threshold=threshold, reset=reset, refractory=refractory,
                         method=method, namespace=params, name='exc')
    inh = b2.NeuronGroup(neurons - ne, model, threshold=threshold, reset=reset, refractory=refractory,
                         method=method, namespace=params, name='inh')
    return exc, inh


def connect_fixed_probability(b2, exc, inh, probability, on_exc, on_inh, delay):
    """The four projections of Engram's VogelsAbbottWiring: every ordered pair of distinct neurons
    connected with one probability."""
    synapses = []
    for source, on_pre in ((exc, on_exc), (inh, on_inh)):
        for target in (exc, inh):
            s = b2.Synapses(source, target, on_pre=on_pre, delay=delay, name=f'{source.name}_to_{target.name}')
            if source is target:
                s.connect(condition='i != j', p=probability)
            else:
                s.connect(p=probability)
            synapses.append(s)
    return synapses


def build_cuba(b2, neurons, rng):
    """Vogels and Abbott (2005) CUBA as Engram's CubaNetwork: weights 1.62 mV and -9 mV as jumps of the
    synaptic variables in voltage units (Engram's 20.25 pA and -112.5 pA over C_m = 250 pF, tau_m = 20 ms)."""
    ms, mV = b2.ms, b2.mV
    params = {'tau_m': 20 * ms, 'tau_syn_ex': 5 * ms, 'tau_syn_in': 10 * ms, 'e_l': -49 * mV, 'v_th': -50 * mV,
              'v_reset': -60 * mV}
    model = '''dv/dt = (i_ex + i_in - (v - e_l)) / tau_m : volt (unless refractory)
               di_ex/dt = -i_ex / tau_syn_ex : volt
               di_in/dt = -i_in / tau_syn_in : volt'''
    exc, inh = vogels_abbott_groups(b2, neurons, model, params, 'v >= v_th', 'v = v_reset',
                                    5 * ms + b2.defaultclock.dt, 'exact')
    for group in (exc, inh):
        group.v = -60 * mV + rng.uniform(0, 10, len(group)) * mV
    synapses = connect_fixed_probability(b2, exc, inh, 80.0 / neurons, 'i_ex_post += 1.62 * mV',
                                         'i_in_post += -9 * mV', b2.defaultclock.dt)
    return [exc, inh], synapses


def build_coba(b2, neurons, rng):
    """Vogels and Abbott (2005) COBA as Engram's CobaNetwork, with its 200 pA bias and ANNarchy's
    initial state (V normal -55 +- 5 mV; g_ex and g_in normal, a negative draw drawn again)."""
    ms, mV, nS, pF, pA = b2.ms, b2.mV, b2.nS, b2.pF, b2.pA
    dt = float(b2.defaultclock.dt / ms)
    params = {'c_m': 200 * pF, 'g_l': 10 * nS, 'e_l': -60 * mV, 'e_ex': 0 * mV, 'e_in': -80 * mV,
              'i_e': 200 * pA,
              'tau_syn_ex': 5 * ms, 'tau_syn_in': 10 * ms, 'v_th': -50 * mV, 'v_reset': -60 * mV,
              # Engram's kernel uses each conductance's exact mean over the step.
              'mean_e': 5.0 / dt * -np.expm1(-dt / 5.0), 'mean_i': 10.0 / dt * -np.expm1(-dt / 10.0)}
    model = '''dv/dt = (g_l * (e_l - v) + mean_e * g_ex * (e_ex - v) + mean_i * g_in * (e_in - v) + i_e) / c_m
                   : volt (unless refractory)
               dg_ex/dt = -g_ex / tau_syn_ex : siemens
               dg_in/dt = -g_in / tau_syn_in : siemens'''
    exc, inh = vogels_abbott_groups(b2, neurons, model, params, 'v >= v_th', 'v = v_reset',
                                    5 * ms + b2.defaultclock.dt, 'exponential_euler')
    for group in (exc, inh):
        group.v = rng.normal(-55, 5, len(group)) * mV
        group.g_ex = non_negative_normal(rng, 40, 15, len(group)) * nS
        group.g_in = non_negative_normal(rng, 200, 120, len(group)) * nS
    synapses = connect_fixed_probability(b2, exc, inh, 80.0 / neurons, 'g_ex_post += 6 * nS',
                                         'g_in_post += 67 * nS', b2.defaultclock.dt)
    return [exc, inh], synapses


def non_negative_normal(rng, mean, sd, size):
    values = rng.normal(mean, sd, size)
    negative = values < 0
    while negative.any():
        values[negative] = rng.normal(mean, sd, negative.sum())
        negative = values < 0
    return values


def fixed_in_degree(rng, sources, targets, degree, same):
    """For each target, `degree` distinct sources drawn uniformly, leaving the target itself out when
    both are one population (Engram's fixed_in_degree without autapses or multapses)."""
    pool = sources - 1 if same else sources
    i = np.empty(targets * degree, dtype=np.int32)
    for j in range(targets):
        chosen = rng.choice(pool, size=degree, replace=False)
        if same:
            chosen += chosen >= j
        i[j * degree:(j + 1) * degree] = chosen
    return i, np.repeat(np.arange(targets, dtype=np.int32), degree)


def build_brunel(b2, neurons, rng):
    """Brunel's (2000) model A, g = 5, eta = 2, as Engram's BrunelNetwork at scale N / 12500: every
    V starts at 0; each neuron gets a Poisson count of 0.1 mV jumps per step at C_E nu_ext = 20 kHz."""
    ms, mV, Hz = b2.ms, b2.mV, b2.Hz
    dt = b2.defaultclock.dt
    scale = neurons / 12500.0
    ne, ni = java_round(10000 * scale), java_round(2500 * scale)
    ce, ci = java_round(1000 * scale), java_round(250 * scale)
    j_exc, g, eta, theta, tau = 0.1 * mV, 5.0, 2.0, 20 * mV, 20 * ms
    external_hz = eta * theta / (j_exc * ce * tau) * ce
    params = {'tau': tau, 'theta': theta, 'vr': 10 * mV, 'lam': float(external_hz * dt), 'J': j_exc}
    groups = []
    for name, size in (('exc', ne), ('inh', ni)):
        group = b2.NeuronGroup(size, 'dv/dt = -v / tau : volt (unless refractory)', threshold='v >= theta',
                               reset='v = vr', refractory=2 * ms + dt, method='exact', namespace=params, name=name)
        group.v = 0 * mV
        # A Poisson count per neuron and step; v is 'unless refractory', so a refractory neuron's is lost.
        group.run_regularly('v += J * poisson(lam)', when='before_thresholds', name=f'{name}_drive')
        groups.append(group)
    exc, inh = groups
    synapses = []
    for source, degree, weight in ((exc, ce, j_exc), (inh, ci, -g * j_exc)):
        for target in (exc, inh):
            s = b2.Synapses(source, target, on_pre='v_post += w', namespace={'w': weight},
                            delay=1.5 * ms - dt, name=f'{source.name}_to_{target.name}')
            s.pre.when = 'before_thresholds'
            i, j = fixed_in_degree(rng, len(source), len(target), degree, source is target)
            s.connect(i=i, j=j)
            synapses.append(s)
    return groups, synapses


BUILDERS = {'cuba': build_cuba, 'coba': build_coba, 'brunel': build_brunel}


def spike_statistics(trains, duration_ms):
    """Engram's SpikeStatistics: spikes per neuron per second, and the mean over neurons with at least
    two intervals of their intervals' sample standard deviation over their mean."""
    spikes = sum(len(t) for t in trains)
    cvs = []
    for t in trains:
        if len(t) >= 3:
            isi = np.diff(np.sort(t))
            cvs.append(np.std(isi, ddof=1) / np.mean(isi))
    return {'neurons': len(trains), 'spikes': int(spikes),
            'mean_rate_hz': spikes / (len(trains) * duration_ms / 1000.0),
            'mean_cv': float(np.mean(cvs)) if cvs else None, 'cv_neurons': len(cvs)}, cvs


def configure_device(b2, args):
    if args.device == 'runtime':
        return None
    directory = args.build_dir or os.path.join(
        tempfile.gettempdir(), f'engram-brian2-{args.network}-{args.neurons}-t{args.threads}')
    b2.set_device('cpp_standalone', directory=directory, build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = args.threads if args.threads > 1 else 0
    # Brian2's own figure of the loop is the process's CPU time (std::clock) when built without
    # OpenMP, which leaves out the time the process waits for a core; Engram's is wall-clock time.
    # The binary times its network.run on the monotonic clock instead.
    b2.device.insert_code('before_network_run', 'timespec loop_start; clock_gettime(CLOCK_MONOTONIC, &loop_start);')
    b2.device.insert_code('after_network_run', f'''{{
        timespec loop_end;
        clock_gettime(CLOCK_MONOTONIC, &loop_end);
        std::ofstream out("{LOOP_FILE}");
        out.precision(17);
        out << (loop_end.tv_sec - loop_start.tv_sec) + 1e-9 * (loop_end.tv_nsec - loop_start.tv_nsec) << std::endl;
    }}''')
    return directory


def wall_loop_seconds(b2, directory):
    """The wall-clock seconds of the simulation loop: the standalone binary's own record, else Network.run's
    (runtime mode times its loop with time.time())."""
    if directory is None:
        return float(b2.device._last_run_time)
    with open(os.path.join(directory, LOOP_FILE)) as f:
        return float(f.read())


def main(argv):
    args = parse_arguments(argv)
    import brian2 as b2
    b2.prefs.logging.console_log_level = 'WARNING'
    directory = configure_device(b2, args)
    started = time.perf_counter()
    b2.defaultclock.dt = 0.1 * b2.ms
    b2.seed(args.seed)
    rng = np.random.default_rng(args.seed)
    groups, synapses = BUILDERS[args.network](b2, args.neurons, rng)
    monitors = [b2.SpikeMonitor(g, name=f'spikes_{g.name}') for g in groups]
    net = b2.Network(*groups, *synapses, *monitors)
    net.run(args.duration_ms * b2.ms)
    compile_seconds = None
    if directory is not None:
        b2.device.build(directory=directory, compile=True, run=True, debug=False)
        compile_seconds = sum(v for v in b2.device.timers['compile'].values() if v is not None)
    loop_seconds = wall_loop_seconds(b2, directory)
    total_seconds = time.perf_counter() - started
    populations, all_cvs = [], []
    for group, monitor in zip(groups, monitors):
        trains = [np.asarray(t / b2.ms) for t in monitor.spike_trains().values()]
        stats, cvs = spike_statistics(trains, args.duration_ms)
        populations.append({'name': group.name, **stats})
        all_cvs.extend(cvs)
    spikes = sum(p['spikes'] for p in populations)
    result = {
        'network': args.network, 'neurons': args.neurons, 'synapses': int(sum(len(s) for s in synapses)),
        'duration_ms': args.duration_ms, 'dt_ms': 0.1, 'threads': args.threads, 'seed': args.seed,
        'setup_seconds': total_seconds - loop_seconds, 'compile_seconds': compile_seconds,
        'loop_seconds': loop_seconds, 'spikes': spikes,
        'mean_rate_hz': spikes / (args.neurons * args.duration_ms / 1000.0),
        'cv_isi_mean': float(np.mean(all_cvs)) if all_cvs else None, 'populations': populations,
        'simulator': f'brian2 {b2.__version__} {args.device}',
        # The code generation target that ran (runtime's 'auto' picks Cython where it is installed).
        'codegen_target': 'cpp' if directory else type(groups[0].state_updater.codeobj).class_name,
    }
    print(json.dumps(result))


if __name__ == '__main__':
    main(sys.argv[1:])
